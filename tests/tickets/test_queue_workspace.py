"""Issue 17, the queue as a workspace: who spoke last and since when, the unread
marker, open work by default, the views sidebar and its counts, chips, the
preview, bulk close asked first and undone, the typo-tolerant search."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from tests.tickets.factories import MessageFactory, TicketFactory
from tickets import selectors, services
from tickets.models import SavedView, Ticket, TicketChange, TicketSeen

pytestmark = pytest.mark.django_db


def _file(member, subject="Diamonds missing from payout"):
    return services.ticket_create(
        requester=member, subject=subject, description="Since Monday."
    )


def _page(user, query=""):
    return selectors.queue_page(user=user, params=QueryDict(query))


# --- who spoke last -------------------------------------------------------------


def test_a_new_ticket_waits_on_us_from_when_it_was_filed(member_a):
    ticket = _file(member_a)
    assert ticket.last_reply_at == ticket.created_at == ticket.network_replied_at
    assert ticket.last_reply_by_staff is False
    assert ticket.waiting_on_us


def test_a_staff_reply_ends_the_wait_and_a_network_reply_starts_it_again(
    member_a, intern
):
    ticket = _file(member_a)
    staff = services.ticket_reply(ticket=ticket, author=intern, body="Checking.")
    ticket.refresh_from_db()
    assert ticket.last_reply_by_staff is True
    assert ticket.last_reply_at == staff.created_at
    assert ticket.network_replied_at == ticket.created_at
    assert not ticket.waiting_on_us

    answer = services.ticket_reply(ticket=ticket, author=member_a, body="UID 42.")
    ticket.refresh_from_db()
    assert ticket.last_reply_by_staff is False
    assert ticket.network_replied_at == answer.created_at == ticket.last_reply_at
    assert ticket.waiting_on_us


def test_an_internal_note_says_nothing_to_the_network(member_a, intern):
    ticket = _file(member_a)
    services.ticket_add_note(ticket=ticket, author=intern, body="Fraud filter.")
    ticket.refresh_from_db()
    assert ticket.last_reply_by_staff is False
    assert ticket.last_reply_at == ticket.created_at


def test_the_migration_backfills_who_spoke_last_from_the_messages(network_a, intern):
    migration = importlib.import_module("tickets.migrations.0010_queue_workspace")
    quiet = TicketFactory(network=network_a)
    answered = TicketFactory(network=network_a)
    network_message = MessageFactory(ticket=answered)
    staff_message = MessageFactory(ticket=answered, author=intern)
    MessageFactory(ticket=answered, author=intern, internal=True)  # not counted
    Ticket.objects.update(
        last_reply_at=None, network_replied_at=None, last_reply_by_staff=False
    )

    migration.backfill_speakers(apps, None)

    quiet.refresh_from_db()
    answered.refresh_from_db()
    assert quiet.last_reply_at == quiet.created_at == quiet.network_replied_at
    assert not quiet.last_reply_by_staff
    assert answered.last_reply_at == staff_message.created_at
    assert answered.network_replied_at == network_message.created_at
    assert answered.last_reply_by_staff


# --- the unread marker ------------------------------------------------------------


def test_a_ticket_is_unread_until_opened_and_again_after_a_network_reply(
    client_as, member_a, intern, manager
):
    ticket = _file(member_a)
    (row,) = _page(intern).tickets
    assert row.seen_at is None

    client_as(intern).get(ticket.get_absolute_url())
    (row,) = _page(intern).tickets
    assert row.seen_at is not None and row.seen_at >= row.last_reply_at
    (other,) = _page(manager).tickets  # per agent: the manager has not opened it
    assert other.seen_at is None

    services.ticket_reply(ticket=ticket, author=member_a, body="Any news?")
    (row,) = _page(intern).tickets
    assert row.last_reply_at > row.seen_at


def test_a_network_member_opening_a_ticket_leaves_no_marker(client_as, member_a):
    ticket = _file(member_a)
    client_as(member_a).get(ticket.get_absolute_url())
    assert not TicketSeen.objects.exists()


def test_marking_seen_twice_keeps_one_row_with_the_later_time(member_a, intern):
    ticket = _file(member_a)
    services.ticket_mark_seen(intern, ticket)
    first = TicketSeen.objects.get().seen_at
    services.ticket_mark_seen(intern, ticket)
    assert TicketSeen.objects.get().seen_at >= first
    assert TicketSeen.objects.count() == 1


# --- open work by default, views, sort --------------------------------------------


def test_the_queue_shows_open_work_unless_the_filters_ask_for_more(intern, network_a):
    open_ = TicketFactory(network=network_a, status="open")
    solved = TicketFactory(network=network_a, status="solved")
    closed = TicketFactory(network=network_a, status="closed")
    assert [t.pk for t in _page(intern).tickets] == [open_.pk]
    every = _page(intern, "status=open&status=solved&status=closed")
    assert {t.pk for t in every.tickets} == {open_.pk, solved.pk, closed.pk}
    # the default is shown as one chip whose removal shows every status
    chip = _page(intern).chips[0]
    assert chip.label == "Open work only"
    assert set(QueryDict(chip.remove_query).getlist("status")) == set(
        Ticket.Status.values
    )


def test_waiting_on_us_sorted_by_the_networks_latest_reply(member_a, intern, network_a):
    older = _file(member_a, "Older question")
    newer = _file(member_a, "Newer question")
    answered = _file(member_a, "We answered this one")
    services.ticket_reply(ticket=answered, author=intern, body="Done, see above.")
    pending = _file(member_a, "Waiting on the network")
    services.ticket_reply(
        ticket=pending, author=intern, body="Your UID?", status="pending"
    )
    # the network answers the older one last: it comes first
    services.ticket_reply(ticket=older, author=member_a, body="Any news?")

    page = _page(intern, "waiting=true&ordering=-network_replied")
    assert [t.pk for t in page.tickets] == [older.pk, newer.pk]
    assert page.tickets[0].preview == "Any news?"


def test_each_view_counts_its_tickets_in_one_query(
    intern, network_a, network_b, django_assert_num_queries
):
    TicketFactory(network=network_a, status="new", assignee=intern)
    TicketFactory(network=network_a, status="open")
    TicketFactory(network=network_b, status="pending", assignee=intern)
    TicketFactory(network=network_b, status="solved")
    queries = ["", "mine=true", "unassigned=true", "waiting=true", "status=solved"]
    with django_assert_num_queries(1):
        counts = selectors.queue_view_counts(user=intern, queries=queries)
    # all open: 3; mine (open): 2; unassigned (open): 1; waiting (new/open): 2
    assert counts == [3, 2, 1, 2, 1]


@pytest.mark.parametrize("saved", [1, 6])
def test_the_sidebar_costs_the_same_whatever_the_number_of_views(
    client_as, intern, network_a, saved, django_assert_num_queries
):
    """(A view filtering by a network, category, tag or assignee adds the query
    that checks its value exists, while its count is not kept: see the report.)"""
    from tests.tickets.test_views import QUEUE_QUERIES

    shared = SavedView.objects.count()  # the shared views the migrations made
    kinds = ["question", "problem", "feedback", "feature_request"]
    for n in range(saved):
        SavedView.objects.create(
            name=f"Priority {n}", query=f"priority=high&kind={kinds[n % 4]}"
        )
    TicketFactory(network=network_a)
    browser = client_as(intern)
    browser.get(reverse("tickets:list"))  # the session's first request
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(QUEUE_QUERIES):
        response = browser.get(reverse("tickets:list"))
    names = [view.name for view in response.context["views"]]
    assert names[:2] == ["Waiting on us", "Mine"]
    assert len([n for n in names if n.startswith("Priority ")]) == saved
    assert len(names) <= 4 + shared + saved


def test_a_saved_view_replaces_the_built_in_of_the_same_name(intern, network_a):
    SavedView.objects.filter(name="Unassigned").delete()
    assert [v.name for v in _page(intern).views].count("Unassigned") == 1  # built in
    SavedView.objects.create(name="Unassigned", query="unassigned=true&status=new")
    names = [view.name for view in _page(intern).views]
    assert names.count("Unassigned") == 1
    assert next(v for v in _page(intern).views if v.name == "Unassigned").saved


def test_the_queue_page_marks_the_current_view_and_shows_its_chips(
    client_as, intern, network_a
):
    TicketFactory(network=network_a, status="open", assignee=None)
    response = client_as(intern).get(reverse("tickets:list") + "?unassigned=true")
    html = response.content.decode()
    assert 'aria-current="page"><span class="view-name">Unassigned' in html
    assert "Remove the filter Unassigned" in html
    assert "Mine: Unknown" not in html and "Unknown" not in html
    assert 'type="checkbox" name="status"' in html  # no Ctrl-click listboxes


def test_an_empty_queue_offers_to_clear_the_filters(client_as, intern, network_a):
    TicketFactory(network=network_a, status="open")
    html = client_as(intern).get(reverse("tickets:list") + "?priority=urgent")
    html = html.content.decode()
    assert "No tickets match these filters." in html
    assert "Clear filters" in html


def test_the_preview_is_the_latest_public_message_never_a_note(
    member_a, intern, network_a
):
    ticket = _file(member_a)
    assert _page(intern).tickets[0].preview == "Since Monday."  # the description
    services.ticket_reply(ticket=ticket, author=intern, body="We are on it.")
    services.ticket_add_note(ticket=ticket, author=intern, body="Secret note")
    assert _page(intern).tickets[0].preview == "We are on it."


def test_ticket_neighbours_can_read_a_views_order(intern, network_a):
    first = TicketFactory(network=network_a, priority="low")
    second = TicketFactory(network=network_a, priority="urgent")
    ordered = selectors.queue_tickets(intern, QueryDict("ordering=-priority"))
    assert list(ordered.values_list("pk", flat=True)) == [second.pk, first.pk]


# --- bulk close: asked first, undone after ----------------------------------------


def _bulk(browser, tickets, **data):
    return browser.post(
        reverse("tickets:bulk"),
        {"tickets": [t.reference for t in tickets], "next": "/tickets/", **data},
    )


def test_bulk_close_asks_first_and_changes_nothing_until_confirmed(
    client_as, manager, network_a
):
    tickets = [TicketFactory(network=network_a, status="open") for _ in range(2)]
    browser = client_as(manager)
    response = _bulk(browser, tickets, status="closed")
    assert response.status_code == 200
    assert "Close 2 tickets?" in response.content.decode()
    # each ticket with its status badge, from the one badge partial
    assert response.content.decode().count('<span class="badge status-open">') == 2
    assert set(Ticket.objects.values_list("status", flat=True)) == {"open"}

    response = _bulk(browser, tickets, status="closed", confirmed="1")
    assert response.status_code == 302
    assert set(Ticket.objects.values_list("status", flat=True)) == {"closed"}


def test_undo_puts_back_each_tickets_previous_status(client_as, manager, network_a):
    was_open = TicketFactory(network=network_a, status="open")
    was_pending = TicketFactory(network=network_a, status="pending")
    browser = client_as(manager)
    _bulk(browser, [was_open, was_pending], status="closed", confirmed="1")
    queue = browser.get(reverse("tickets:list"))
    offer = queue.context["bulk_undo"]
    assert offer["count"] == 2 and "Undo" in queue.content.decode()

    response = browser.post(
        reverse("tickets:bulk_undo"), {"token": offer["token"], "next": "/tickets/"}
    )

    assert response.status_code == 302
    was_open.refresh_from_db()
    was_pending.refresh_from_db()
    assert (was_open.status, was_pending.status) == ("open", "pending")
    assert was_open.closed_at is None
    assert TicketChange.objects.filter(
        ticket=was_open, field="status", old_value="Closed", new_value="Open"
    ).exists()
    # the offer is used up
    assert browser.get(reverse("tickets:list")).context["bulk_undo"] is None


def test_undo_leaves_alone_a_ticket_someone_changed_since(
    client_as, manager, intern, network_a
):
    first = TicketFactory(network=network_a, status="open")
    second = TicketFactory(network=network_a, status="open")
    browser = client_as(manager)
    _bulk(browser, [first, second], status="solved")
    token = browser.get(reverse("tickets:list")).context["bulk_undo"]["token"]
    services.ticket_set_status(ticket=second, actor=intern, status="closed")

    response = browser.post(reverse("tickets:bulk_undo"), {"token": token}, follow=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("open", "closed")
    assert second.reference in response.content.decode()


def test_an_expired_or_foreign_undo_changes_nothing(
    client_as, manager, intern, network_a, monkeypatch
):
    from tickets.views import undo

    ticket = TicketFactory(network=network_a, status="open")
    browser = client_as(manager)
    _bulk(browser, [ticket], status="closed", confirmed="1")
    token = browser.get(reverse("tickets:list")).context["bulk_undo"]["token"]
    # another agent's session has no such offer
    client_as(intern).post(reverse("tickets:bulk_undo"), {"token": token})
    ticket.refresh_from_db()
    assert ticket.status == "closed"
    # and it lapses
    monkeypatch.setattr(undo, "UNDO_SECONDS", -1)
    later = timezone.now() + timedelta(minutes=10)
    monkeypatch.setattr(undo.time, "time", lambda: later.timestamp())
    browser.post(reverse("tickets:bulk_undo"), {"token": token})
    ticket.refresh_from_db()
    assert ticket.status == "closed"


def test_one_ticket_updated_is_said_in_the_singular(client_as, manager, network_a):
    ticket = TicketFactory(network=network_a, status="open")
    browser = client_as(manager)
    _bulk(browser, [ticket], priority="high")
    response = browser.get("/tickets/")
    messages = [str(m) for m in response.context["messages"]]
    assert "1 ticket updated." in messages


# --- typo tolerance -----------------------------------------------------------------


def test_the_queue_search_forgives_a_typo_on_postgresql(intern, network_a):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram similarity is PostgreSQL's (SQLite: plain match)")
    payout = TicketFactory(network=network_a, subject="Diamond payout missing")
    TicketFactory(network=network_a, subject="Cannot go LIVE")
    assert [t.pk for t in _page(intern, "q=payot").tickets] == [payout.pk]
    assert [t.pk for t in _page(intern, "q=payout").tickets] == [payout.pk]
