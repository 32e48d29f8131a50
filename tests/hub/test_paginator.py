"""hub.paginator.FastPaginator: estimated counts for big tables, id-first deep pages."""

import pytest
from django.db import connection

from hub import paginator as pagination
from hub.paginator import FastPaginator
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
