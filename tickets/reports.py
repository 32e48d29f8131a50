"""Ticket figures for dashboards, digests and exports: aggregate queries only.

Every function takes a period ``start <= t < end`` (aware datetimes), an optional
``group_by`` (``None``, ``"priority"``, ``"category"``, ``"network"`` or
``"assignee_group"``, the assignee's staff group) and an
optional ``networks`` (iterable of network ids to restrict to), and returns a list of
dicts, one per group, each with ``key`` (priority value, category slug, network
slug; ``None`` for tickets without a category; ``"all"`` when not grouped) and
``label``:

``ticket_counts(*, start, end, group_by=None, networks=None)``
    ``created`` (tickets created in the period), ``solved`` (resolved in it).
``response_times(*, start, end, group_by=None, networks=None)``
    ``first_response_median_seconds`` / ``first_response_count`` (tickets first
    answered in the period) and ``resolution_median_seconds`` /
    ``resolution_count`` (tickets resolved in it); business seconds of the SLA
    calendar, ``None`` when there is nothing to measure.
``resolution_times(*, start, end, group_by=None, networks=None)``
    Only the ``resolution_*`` figures of ``response_times`` (two queries).
``sla_attainment(*, start, end, group_by=None, networks=None)``
    ``first_response_met`` / ``first_response_total`` / ``first_response_pct`` over
    tickets first answered in the period that had a target, and the same three
    ``resolution_*`` keys over tickets resolved in it; ``*_pct`` is 0–100 or
    ``None``.
``satisfaction(*, start, end, group_by=None, networks=None)``
    ``satisfaction_count``, ``satisfaction_average`` (1–5, ``None`` when no
    ratings) and ``satisfaction_positive_pct`` (share of 4 and 5) over ratings
    given in the period.
``summary(*, start, end, group_by=None, networks=None)``
    All of the above merged per group.

Medians use PostgreSQL's ``percentile_cont(0.5)``; on SQLite the stored durations
are fetched (one column) and the median is taken in Python.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable

from django.db import connection
from django.db.models import Aggregate, Avg, Count, FloatField, Q, QuerySet

from tickets.models import SatisfactionRating, Ticket

ALL = "all"
GROUPS = {
    None: (),
    "priority": ("priority", None),
    "category": ("category__slug", "category__name"),
    "network": ("network__slug", "network__name"),
    # the staff group of the assignee ("Support interns", "Agency managers")
    "assignee_group": ("assignee__groups__name", "assignee__groups__name"),
}


class Median(Aggregate):
    """PostgreSQL ``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)``."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _fields(group_by: str | None, prefix: str = "") -> tuple[str, str | None] | tuple:
    if group_by not in GROUPS:
        raise ValueError(f"group_by must be one of {sorted(map(str, GROUPS))}")
    spec = GROUPS[group_by]
    if not spec:
        return ()
    key, label = spec
    return (prefix + key, prefix + label if label else None)


def _label(group_by: str | None, key, label) -> str:
    if group_by is None:
        return "All tickets"
    if group_by == "priority":
        return str(Ticket.Priority(key).label) if key else "—"
    return label or "—"


def _grouped(qs: QuerySet, group_by, prefix: str = "", **aggregates) -> dict:
    fields = _fields(group_by, prefix)
    if not fields:
        return {ALL: {"label": _label(None, ALL, None), **qs.aggregate(**aggregates)}}
    key, label = fields
    names = [key] + ([label] if label else [])
    rows = qs.order_by().values(*names).annotate(**aggregates)
    return {
        row[key]: {
            "label": _label(group_by, row[key], row.get(label) if label else None),
            **{name: row[name] for name in aggregates},
        }
        for row in rows
    }


def _medians(qs: QuerySet, field: str, group_by, out: str) -> dict:
    qs = qs.filter(**{f"{field}__isnull": False})
    if connection.vendor == "postgresql":
        return _grouped(qs, group_by, **{out: Median(field)})
    fields = _fields(group_by)
    key = fields[0] if fields else None
    values: dict = {}
    for group, seconds in qs.order_by().values_list(key or "pk", field):
        values.setdefault(group if key else ALL, []).append(seconds)
    return {g: {out: float(statistics.median(v))} for g, v in values.items()}


def _tickets(networks: Iterable[int] | None) -> QuerySet[Ticket]:
    qs = Ticket.objects.all()
    return qs if networks is None else qs.filter(network_id__in=list(networks))


def _rows(merged: dict, group_by) -> list[dict]:
    rows = []
    for key, values in merged.items():
        label = values.pop("label", None) or _label(group_by, key, None)
        rows.append({"key": key, "label": label, **values})
    return sorted(rows, key=lambda row: str(row["key"]))


def _merge(*parts: dict) -> dict:
    merged: dict = {}
    for part in parts:
        for key, values in part.items():
            row = merged.setdefault(key, {})
            for name, value in values.items():
                if name != "label":
                    row[name] = value
                elif value and not row.get("label"):
                    row["label"] = value
    return merged


def _period(field: str, start: dt.datetime, end: dt.datetime) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def ticket_counts(*, start, end, group_by=None, networks=None) -> list[dict]:
    created = _grouped(
        _tickets(networks).filter(_period("created_at", start, end)),
        group_by,
        created=Count("id"),
    )
    solved = _grouped(
        _tickets(networks).filter(_period("resolved_at", start, end)),
        group_by,
        solved=Count("id"),
    )
    rows = _rows(_merge(created, solved), group_by)
    for row in rows:
        row.setdefault("created", 0)
        row.setdefault("solved", 0)
    return rows


def _response_parts(start, end, group_by, networks) -> tuple[dict, ...]:
    answered = _tickets(networks).filter(_period("first_response_at", start, end))
    resolved = _tickets(networks).filter(_period("resolved_at", start, end))
    first = _medians(
        answered,
        "first_response_business_seconds",
        group_by,
        "first_response_median_seconds",
    )
    first_n = _grouped(answered, group_by, first_response_count=Count("id"))
    return first_n, first, *_resolution_parts(resolved, group_by)


def _resolution_parts(resolved: QuerySet, group_by) -> tuple[dict, dict]:
    resolution = _medians(
        resolved,
        "resolution_business_seconds",
        group_by,
        "resolution_median_seconds",
    )
    resolution_n = _grouped(resolved, group_by, resolution_count=Count("id"))
    return resolution_n, resolution


def response_times(*, start, end, group_by=None, networks=None) -> list[dict]:
    rows = _rows(_merge(*_response_parts(start, end, group_by, networks)), group_by)
    for row in rows:
        for name in ("first_response", "resolution"):
            row.setdefault(f"{name}_median_seconds", None)
            row.setdefault(f"{name}_count", 0)
    return rows


def resolution_times(*, start, end, group_by=None, networks=None) -> list[dict]:
    """Only the ``resolution_*`` half of ``response_times`` (two queries)."""
    resolved = _tickets(networks).filter(_period("resolved_at", start, end))
    return _rows(_merge(*_resolution_parts(resolved, group_by)), group_by)


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _attainment_parts(start, end, group_by, networks) -> tuple[dict, dict]:
    answered = _tickets(networks).filter(
        _period("first_response_at", start, end), first_response_due_at__isnull=False
    )
    resolved = _tickets(networks).filter(
        _period("resolved_at", start, end), resolution_due_at__isnull=False
    )
    first = _grouped(
        answered,
        group_by,
        first_response_total=Count("id"),
        first_response_met=Count("id", filter=Q(first_response_breached_at=None)),
    )
    resolution = _grouped(
        resolved,
        group_by,
        resolution_total=Count("id"),
        resolution_met=Count("id", filter=Q(resolution_breached_at=None)),
    )
    return first, resolution


def sla_attainment(*, start, end, group_by=None, networks=None) -> list[dict]:
    rows = _rows(_merge(*_attainment_parts(start, end, group_by, networks)), group_by)
    for row in rows:
        for name in ("first_response", "resolution"):
            total = row.setdefault(f"{name}_total", 0)
            met = row.setdefault(f"{name}_met", 0)
            row[f"{name}_pct"] = _pct(met, total)
    return rows


def _satisfaction_part(start, end, group_by, networks) -> dict:
    qs = SatisfactionRating.objects.filter(_period("created_at", start, end))
    if networks is not None:
        qs = qs.filter(ticket__network_id__in=list(networks))
    fields = _fields(group_by, "ticket__")
    aggregates = {
        "satisfaction_count": Count("id"),
        "satisfaction_average": Avg("score"),
        "satisfaction_positive": Count("id", filter=Q(score__gte=4)),
    }
    if not fields:
        return {ALL: {"label": _label(None, ALL, None), **qs.aggregate(**aggregates)}}
    key, label = fields
    names = [key] + ([label] if label else [])
    return {
        row[key]: {
            "label": _label(group_by, row[key], row.get(label) if label else None),
            **{name: row[name] for name in aggregates},
        }
        for row in qs.order_by().values(*names).annotate(**aggregates)
    }


def _finish_satisfaction(row: dict) -> None:
    count = row.setdefault("satisfaction_count", 0) or 0
    average = row.get("satisfaction_average")
    row["satisfaction_average"] = round(average, 2) if count and average else None
    row["satisfaction_positive_pct"] = _pct(row.pop("satisfaction_positive", 0), count)


def satisfaction(*, start, end, group_by=None, networks=None) -> list[dict]:
    rows = _rows(_satisfaction_part(start, end, group_by, networks), group_by)
    for row in rows:
        _finish_satisfaction(row)
    return rows


# What the service figures read when a period has no tickets of that kind.
SERVICE_DEFAULTS = {
    "first_response_median_seconds": None,
    "first_response_count": 0,
    "resolution_median_seconds": None,
    "resolution_count": 0,
    "first_response_met": 0,
    "first_response_total": 0,
    "first_response_pct": None,
    "resolution_met": 0,
    "resolution_total": 0,
    "resolution_pct": None,
    "satisfaction_count": 0,
    "satisfaction_average": None,
    "satisfaction_positive_pct": None,
}


def summary(*, start, end, group_by=None, networks=None) -> list[dict]:
    """Every figure above, one row per group."""
    by_key: dict = {}
    for rows in (
        ticket_counts(start=start, end=end, group_by=group_by, networks=networks),
        response_times(start=start, end=end, group_by=group_by, networks=networks),
        sla_attainment(start=start, end=end, group_by=group_by, networks=networks),
        satisfaction(start=start, end=end, group_by=group_by, networks=networks),
    ):
        for row in rows:
            by_key.setdefault(row["key"], {}).update(row)
    defaults = {"created": 0, "solved": 0, **SERVICE_DEFAULTS}
    return sorted(
        ({**defaults, **row} for row in by_key.values()), key=lambda r: str(r["key"])
    )
