"""A paginator for big tables: estimated count when unfiltered, cheap deep pages.

* ``count``: an unfiltered queryset counts at most ``ESTIMATE_FROM`` rows; beyond
  that it takes PostgreSQL's own row estimate (``pg_class.reltuples``, kept fresh
  by autovacuum/ANALYZE) instead of a ``COUNT(*)`` over every row, and keeps that
  estimate in ``core.cache.TABLE_SIZES``. Filtered querysets are counted exactly
  (the caller may keep that count: ``count_cache``).
  ``count_is_estimate`` tells the template to say "about".
* deep pages (``OFFSET`` beyond ``DEFERRED_FROM``): the page's ids are found first
  (an index-only scan on the ordering's index), then only those rows are loaded
  with their joins, annotations and prefetches; a plain ``OFFSET`` would build and
  throw away every skipped row.
* deep pages of an unfiltered list in a total order of plain columns (the queue's
  ``-created_at, -id``): the sort key of every ``ANCHOR_EVERY``-th row is kept in
  ``core.cache.TABLE_SIZES``, and a page is read from the anchor before it (a seek
  plus at most ``ANCHOR_EVERY`` rows) instead of skipping every row before it. New
  rows shift a page by as many rows while the anchor is kept, as they shift any
  offset page between two requests.

``WindowCountPaginator`` is for filtered lists whose every match is computed anyway
to order them (a ranked search): the page's rows carry the total as
``COUNT(*) OVER ()``, so the matches are found once per page instead of twice.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Count, Q, QuerySet, Window
from django.utils.functional import cached_property

from core import cache

ESTIMATE_FROM = 10_000  # rows: up to this many, an exact COUNT(*) is cheap
DEFERRED_FROM = 500  # offset from which the page's ids are fetched first
ANCHOR_EVERY = 1_000  # rows between two kept sort keys (deep unfiltered pages)


class FastPaginator(Paginator):
    """``count_cache``: how a filtered list's count may be kept, a function that
    takes the counting function and returns the count (the caller's cache family
    and key, which say everything the count depends on)."""

    count_is_estimate = False

    def __init__(self, *args, count_cache=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_cache = count_cache

    def _exact_count(self) -> int:
        return Paginator.count.func(self)

    def _unfiltered(self) -> bool:
        query = getattr(self.object_list, "query", None)
        return (
            query is not None
            and not query.where
            and not query.distinct
            and not query.combinator
            and not query.is_sliced
        )

    @cached_property
    def count(self) -> int:
        if not self._unfiltered():
            if self.count_cache:
                return self.count_cache(self._exact_count)
            return self._exact_count()
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return super().count
        fresh = []

        def read() -> tuple[int, int]:
            fresh.append(True)
            return self._capped_and_estimate(queryset, connection)

        # an estimate may as well be a few seconds old; a small table is counted
        # exactly on every request
        capped, estimate = cache.TABLE_SIZES.get_or_compute(
            f"estimate:{queryset.model._meta.db_table}", read
        )
        if capped < ESTIMATE_FROM and not fresh:
            capped, estimate = read()
        if capped < ESTIMATE_FROM:
            return capped
        if not estimate or estimate < ESTIMATE_FROM:  # statistics not gathered yet
            return super().count
        self.count_is_estimate = True
        return estimate

    @staticmethod
    def _capped_and_estimate(queryset, connection) -> tuple[int, int]:
        """One query: the rows counted up to ESTIMATE_FROM, and the planner's estimate."""
        sql, params = (
            queryset.order_by().values("pk")[:ESTIMATE_FROM].query.sql_with_params()
        )
        with connection.cursor() as cursor:
            cursor.execute(
                # the inner SQL is Django's own, parameterised; nothing is interpolated
                f"SELECT (SELECT COUNT(*) FROM ({sql}) AS capped), "  # noqa: S608  # nosec B608
                "(SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass)",
                [*params, queryset.model._meta.db_table],
            )
            return tuple(cursor.fetchone())

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        if bottom < DEFERRED_FROM or not hasattr(queryset, "values_list"):
            return self._get_page(queryset[bottom:top], number, self)
        ids = self._anchored_ids(bottom, top)
        if ids is None:
            ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = {obj.pk: obj for obj in queryset.order_by().filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _sort_key(self) -> list[tuple[str, bool]] | None:
        """[(column, descending), ...] when the list is unfiltered and sorted by
        non-null columns ending with the primary key (a total order), else None."""
        queryset = self.object_list
        if not self._unfiltered():
            return None
        meta = queryset.model._meta
        ordering = queryset.query.order_by or meta.ordering
        key = []
        for item in ordering:
            if not isinstance(item, str) or "__" in item.lstrip("-") or "?" in item:
                return None
            name = item.lstrip("-")
            field = meta.pk if name == "pk" else meta.get_field(name)
            if field.null or getattr(field, "is_relation", False):
                return None
            key.append((field.attname, item.startswith("-")))
        if not key or key[-1][0] != meta.pk.attname:
            return None
        return key

    def _anchored_ids(self, bottom: int, top: int) -> list | None:
        """The page's ids read from the nearest kept sort key before it."""
        key = self._sort_key()
        if key is None or len(key) > 2:
            return None
        queryset = self.object_list
        start = bottom - bottom % ANCHOR_EVERY
        if not start:  # near the top a plain offset is as cheap
            return None
        names = [name for name, _ in key]
        cache_key = "anchor:{}:{}:{}".format(
            queryset.model._meta.db_table,
            ",".join(("-" if desc else "") + name for name, desc in key),
            start,
        )
        anchor = cache.TABLE_SIZES.get_or_compute(
            cache_key, lambda: list(queryset.values_list(*names)[start : start + 1])
        )
        if not anchor:
            return None
        values = anchor[0]
        if len(key) == 1:  # ordered by the primary key alone
            (name, desc), value = key[0], values[0]
            after = Q(**{f"{name}__{'lte' if desc else 'gte'}": value})
        else:  # (column, pk): the anchor row and every row after it
            (first, desc), (pk, pk_desc) = key
            op, strict = ("lte", "lt") if desc else ("gte", "gt")
            pk_op = "lte" if pk_desc else "gte"
            after = Q(**{f"{first}__{op}": values[0]}) & (
                Q(**{f"{first}__{strict}": values[0]})
                | Q(**{f"{pk}__{pk_op}": values[1]})
            )
        return list(
            queryset.filter(after).values_list("pk", flat=True)[
                bottom - start : top - start
            ]
        )


TOTAL = "paginator_total"


class WindowCountPaginator(FastPaginator):
    """Counts with the page: one query where a paginator runs ``COUNT(*)`` and then
    the page. Meant for ranked searches, where the database builds and sorts every
    match for the page anyway; not for big unfiltered lists (``FastPaginator``
    estimates those). Past the last page, and for deep pages, it falls back to
    counting first."""

    def _counted_with_page(self) -> bool:
        queryset = self.object_list
        return (
            "count" not in self.__dict__
            and isinstance(queryset, QuerySet)
            and not queryset.query.distinct
            and not queryset.query.combinator
            and not queryset.query.is_sliced
        )

    def page(self, number):
        if not self._counted_with_page():
            return super().page(number)
        try:  # as validate_number, which needs the count
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        bottom = (number - 1) * self.per_page
        if bottom >= DEFERRED_FROM:
            return super().page(number)
        rows = list(
            self.object_list.annotate(**{TOTAL: Window(Count("*"))})[
                bottom : bottom + self.per_page + self.orphans
            ]
        )
        if not rows and number > 1:
            return super().page(number)  # past the end: count, then say so
        self.count = getattr(rows[0], TOTAL) if rows else 0
        number = self.validate_number(number)  # orphans may make it past the end
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(rows[: top - bottom], number, self)

    def get_page(self, number):
        """As ``Paginator.get_page``, without validating the number (a count) first."""
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
