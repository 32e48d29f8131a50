"""core.paginator.FastPaginator: estimated counts for big tables, id-first deep pages."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection

from core import paginator as pagination
from core.paginator import FastPaginator, WindowCountPaginator
from tests.tickets.factories import TicketFactory
from tickets.models import Ticket


@pytest.fixture
def tickets(network_a):
    return [TicketFactory(network=network_a) for _ in range(7)]


def test_a_small_table_is_counted_exactly(tickets):
    paginator = FastPaginator(Ticket.objects.all(), 3)
    assert paginator.count == 7 and not paginator.count_is_estimate
    assert paginator.num_pages == 3


def test_a_filtered_list_is_counted_exactly(tickets, monkeypatch):
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 2)
    paginator = FastPaginator(Ticket.objects.filter(pk__in=[t.pk for t in tickets]), 3)
    assert paginator.count == 7 and not paginator.count_is_estimate


@pytest.mark.postgres
def test_a_big_unfiltered_table_takes_the_planners_estimate(tickets, monkeypatch):
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")
    paginator = FastPaginator(Ticket.objects.all(), 3)
    assert paginator.count == 7 and paginator.count_is_estimate


@pytest.mark.postgres
def test_without_statistics_a_big_table_is_counted_exactly(tickets, monkeypatch):
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 5)
    with connection.cursor() as cursor:  # as if ANALYZE had never run
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1 WHERE oid = 'tickets_ticket'::regclass"
        )
    paginator = FastPaginator(Ticket.objects.all(), 3)
    assert paginator.count == 7 and not paginator.count_is_estimate


def test_deep_pages_load_the_same_rows_in_the_same_order(
    tickets, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 2)
    queryset = Ticket.objects.select_related("network").order_by("-created_at", "-id")
    expected = list(queryset)
    paginator = FastPaginator(queryset, 2)
    paginator.count  # noqa: B018 - counted first
    with django_assert_num_queries(2):  # the page's ids, then its rows
        page = paginator.page(3)
        names = [ticket.network.name for ticket in page]
    assert list(page) == expected[4:6] and len(names) == 2
    assert list(paginator.page(1)) == expected[0:2]
    assert list(paginator.page(4)) == expected[6:7]


@pytest.mark.parametrize("number", [1, 2, 3, "3", 3.0])
def test_window_counting_gives_the_same_pages_and_count_in_one_query(
    tickets, number, django_assert_num_queries
):
    queryset = Ticket.objects.order_by("-created_at", "-id")
    expected = Paginator(queryset, 3).page(number)
    paginator = WindowCountPaginator(queryset, 3)
    with django_assert_num_queries(1):
        page = paginator.page(number)
        assert paginator.count == 7 and paginator.num_pages == 3
    assert list(page) == list(expected) and page.number == expected.number


def test_window_counting_an_empty_list_gives_an_empty_first_page(db):
    paginator = WindowCountPaginator(Ticket.objects.order_by("id"), 3)
    assert list(paginator.page(1)) == [] and paginator.count == 0


@pytest.mark.parametrize(
    ("number", "error"), [(4, EmptyPage), (0, EmptyPage), ("x", PageNotAnInteger)]
)
def test_window_counting_rejects_pages_that_do_not_exist(tickets, number, error):
    with pytest.raises(error):
        WindowCountPaginator(Ticket.objects.order_by("id"), 3).page(number)


def test_window_counting_keeps_orphans_on_the_last_page(tickets):
    queryset = Ticket.objects.order_by("id")
    paginator = WindowCountPaginator(queryset, 3, orphans=1)
    assert list(paginator.page(2)) == list(queryset)[3:7]
    with pytest.raises(EmptyPage):
        WindowCountPaginator(queryset, 3, orphans=1).page(3)


@pytest.mark.parametrize(("number", "shown"), [("x", 1), (0, 3), (9, 3)])
def test_window_counting_get_page_falls_back_like_django(tickets, number, shown):
    page = WindowCountPaginator(Ticket.objects.order_by("id"), 3).get_page(number)
    assert page.number == shown and len(page) == (1 if shown == 3 else 3)


@pytest.mark.parametrize(
    "ordering", [("-created_at", "-id"), ("created_at", "id"), ("-id",), ("id",)]
)
def test_anchored_deep_pages_are_the_pages_an_offset_gives(
    network_a, monkeypatch, settings, ordering
):
    """Every page, read from the kept sort key before it, holds exactly the rows a
    plain OFFSET gives, ties in the first column included."""
    from django.utils import timezone

    now = timezone.now()
    for n in range(23):  # three rows share each creation time
        TicketFactory(
            network=network_a, created_at=now - timezone.timedelta(hours=n // 3)
        )
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 1)
    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 4)
    settings.HUB_CACHE_TABLE_SIZES_SECONDS = 0
    queryset = Ticket.objects.order_by(*ordering)
    expected = list(queryset.values_list("pk", flat=True))
    for per_page in (2, 3, 5):
        paginator = FastPaginator(queryset, per_page)
        seen = []
        for number in paginator.page_range:
            page = paginator.page(number)
            start = (number - 1) * per_page
            assert [t.pk for t in page] == expected[start : start + per_page]
            seen += [t.pk for t in page]
        assert seen == expected


def test_anchors_are_kept_and_a_filtered_list_never_uses_them(
    network_a, monkeypatch, settings, django_assert_num_queries
):
    from django.core.cache import cache

    for _ in range(9):
        TicketFactory(network=network_a)
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 1)
    monkeypatch.setattr(pagination, "ANCHOR_EVERY", 4)
    settings.HUB_CACHE_TABLE_SIZES_SECONDS = 30
    cache.clear()
    queryset = Ticket.objects.order_by("-created_at", "-id")
    paginator = FastPaginator(queryset, 2)
    paginator.count  # noqa: B018
    with django_assert_num_queries(3):  # the anchor, the page's ids, its rows
        list(paginator.page(4))
    with django_assert_num_queries(2):  # the anchor is kept
        list(paginator.page(4))
    filtered = FastPaginator(queryset.filter(network=network_a), 2)
    filtered.count  # noqa: B018
    with django_assert_num_queries(2):
        assert len(filtered.page(4)) == 2


@pytest.mark.postgres
def test_an_estimate_is_kept_briefly_and_a_small_table_always_counted(
    tickets, monkeypatch, settings, django_assert_num_queries
):
    from django.core.cache import cache

    settings.HUB_CACHE_TABLE_SIZES_SECONDS = 30
    cache.clear()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 5)  # 7 tickets: "big"
    assert FastPaginator(Ticket.objects.all(), 3).count == 7
    with django_assert_num_queries(0):
        paginator = FastPaginator(Ticket.objects.all(), 3)
        assert paginator.count == 7 and paginator.count_is_estimate
    monkeypatch.setattr(pagination, "ESTIMATE_FROM", 100)  # now "small"
    cache.clear()
    assert FastPaginator(Ticket.objects.all(), 3).count == 7
    TicketFactory(network=tickets[0].network)
    with django_assert_num_queries(1):  # counted again, exactly
        assert FastPaginator(Ticket.objects.all(), 3).count == 8
