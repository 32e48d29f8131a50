"""Database expressions whose spelling differs by engine, each written once.

PostgreSQL (production, the tests) computes in SQL; SQLite (the embedded default for
``make run``) fetches one column and computes in Python. Callers never branch on
``connection.vendor`` themselves.
"""

import statistics

from django.db import connection
from django.db.models import Aggregate, F, QuerySet

ALL = object()  # the key of the one group when ``medians`` is not grouped


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)``: the middle
    value, the mean of the two middle ones for an even count (intervals too)."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def medians(qs: QuerySet, value, *, key: str | None = None, output_field) -> dict:
    """``{group: median of value}`` over ``qs`` in one query, rows where ``value`` is
    NULL left out; ``key`` (a field path) groups, else the one key is ``ALL``.
    ``value``: a field name or an expression (e.g. ``F("b") - F("a")``)."""
    if connection.vendor == "postgresql":
        return _medians_sql(qs, value, key=key, output_field=output_field)
    return medians_python(qs, value, key=key, output_field=output_field)


def _values(qs: QuerySet, value) -> QuerySet:
    value = F(value) if isinstance(value, str) else value
    return qs.order_by().annotate(median_of=value).filter(median_of__isnull=False)


def _medians_sql(qs, value, *, key, output_field) -> dict:
    qs = _values(qs, value)
    aggregate = Median("median_of", output_field=output_field)
    if key is None:
        row = qs.aggregate(median=aggregate)
        return {ALL: row["median"]} if row["median"] is not None else {}
    rows = qs.values(key).annotate(median=aggregate).values_list(key, "median")
    return dict(rows)


def medians_python(qs, value, *, key, output_field) -> dict:
    """The same as ``medians`` on any engine: one column fetched, median in Python
    (public so that the tests hold both spellings to the same answers)."""
    groups: dict = {}
    for group, item in _values(qs, value).values_list(key or "pk", "median_of"):
        groups.setdefault(group if key else ALL, []).append(item)
    return {g: statistics.median(values) for g, values in groups.items()}
