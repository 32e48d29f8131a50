"""SLA through the services and the queue: due times written on each change, the
state computed in SQL, filtering and sorting by it."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from hub.models import OutboxMessage
from tests.tickets.factories import PolicyFactory, TicketFactory
from tickets import selectors, services, sla
from tickets.models import Ticket

M = timedelta(minutes=1)


@pytest.fixture
def policies(db):
    """Round-the-clock UTC calendar: business time equals real time."""
    return {
        p: PolicyFactory(
            priority=p,
            first_response_minutes=f,
            next_response_minutes=n,
            resolution_minutes=r,
        )
        for p, f, n, r in [
            ("urgent", 60, 240, 480),
            ("normal", 480, 480, 2400),
            ("low", 1440, 1440, 4800),
        ]
    }


def test_a_new_ticket_gets_its_due_times(policies, member_a):
    ticket = services.ticket_create(
        requester=member_a, subject="s", description="d", priority="urgent"
    )
    ticket.refresh_from_db()
    assert ticket.sla_policy == policies["urgent"]
    assert ticket.first_response_due_at == ticket.created_at + 60 * M
    assert ticket.resolution_due_at == ticket.created_at + 480 * M
    assert ticket.sla_due_at == ticket.first_response_due_at


def test_without_a_policy_there_is_no_sla(db, member_a):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    assert ticket.sla_policy is None and ticket.sla_due_at is None
    listed = selectors.ticket_get(user=member_a, reference=ticket.reference)
    assert listed.sla_state is None


def test_the_first_public_staff_reply_is_the_first_response(policies, member_a, intern):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    services.ticket_add_note(ticket=ticket, author=intern, body="internal")
    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    services.ticket_reply(ticket=ticket, author=intern, body="hello")
    ticket.refresh_from_db()
    assert ticket.first_response_at is not None
    assert ticket.first_response_business_seconds == pytest.approx(0, abs=5)
    assert ticket.first_response_breached_at is None
    assert ticket.sla_due_at == ticket.resolution_due_at


def test_pending_pauses_and_the_network_reply_resumes(policies, member_a, intern):
    ticket = services.ticket_create(
        requester=member_a, subject="s", description="d", priority="urgent"
    )
    services.ticket_reply(ticket=ticket, author=intern, body="?", status="pending")
    ticket.refresh_from_db()
    assert ticket.sla_paused_at is not None and ticket.sla_due_at is None
    left = ticket.sla_remaining["resolution"]
    # two hours pass while the network looks for the answer
    Ticket.objects.filter(pk=ticket.pk).update(
        sla_paused_at=ticket.sla_paused_at - 120 * M
    )
    services.ticket_reply(ticket=ticket, author=member_a, body="here it is")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.OPEN
    assert ticket.sla_paused_at is None
    assert ticket.sla_paused_seconds == pytest.approx(7200, abs=5)
    now = timezone.now()
    assert abs(ticket.resolution_due_at - (now + timedelta(seconds=left))) < M
    # and the reply started the next-response clock (4 hours)
    assert abs(ticket.next_response_due_at - (now + 240 * M)) < M


def test_a_priority_change_recomputes_the_due_times(policies, member_a, manager):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    services.ticket_update(ticket=ticket, actor=manager, priority="urgent")
    ticket.refresh_from_db()
    assert ticket.sla_policy == policies["urgent"]
    assert ticket.first_response_due_at == ticket.created_at + 60 * M


def test_solving_asks_for_a_rating_once(policies, member_a, intern):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    services.ticket_reply(ticket=ticket, author=intern, body="done", status="solved")
    services.ticket_reply(ticket=ticket, author=member_a, body="not quite")
    services.ticket_reply(ticket=ticket, author=intern, body="now", status="solved")
    ticket.refresh_from_db()
    assert ticket.resolution_business_seconds is not None
    assert (
        OutboxMessage.objects.filter(
            task_name="tickets.tasks.ticket_satisfaction_email_task"
        ).count()
        == 1
    )


def _ticket_in(state: str, policy) -> Ticket:
    now = timezone.now()
    base = {"sla_policy": policy, "resolution_due_at": now + 600 * M}
    fields = {
        "on_track": {"sla_due_at": now + 600 * M},
        "due_soon": {"sla_due_at": now + 10 * M},
        "breached": {"sla_due_at": now - M},
        "paused": {"sla_paused_at": now - M, "status": "pending"},
        "met": {"status": "solved", "resolved_at": now},
    }[state]
    return TicketFactory(**{"status": "open", **base, **fields})


STATES = ["on_track", "due_soon", "breached", "paused", "met"]


def test_the_shown_state_and_the_filter_agree(policies, manager):
    tickets = {state: _ticket_in(state, policies["normal"]) for state in STATES}
    late_but_solved = _ticket_in("met", policies["normal"])
    Ticket.objects.filter(pk=late_but_solved.pk).update(sla_breached_at=timezone.now())
    annotated = {t.pk: t.sla_state for t in selectors.ticket_list(user=manager)}
    for state, ticket in tickets.items():
        assert annotated[ticket.pk] == state
        found = selectors.ticket_list(
            user=manager,
            filters={"sla_state": [state]},
            request=SimpleNamespace(user=manager),
        )
        expected = {ticket.pk} | (
            {late_but_solved.pk} if state == "breached" else set()
        )
        assert set(found.values_list("pk", flat=True)) == expected, state
    assert annotated[late_but_solved.pk] == "breached"


def test_every_state_shown_is_the_state_filtered(policies, manager):
    """Edge cases too: stopped tickets with a stale pause or due time, no targets."""
    now = timezone.now()
    rows = [_ticket_in(state, policies["normal"]) for state in STATES] + [
        TicketFactory(status="solved", sla_paused_at=now, sla_due_at=now - M),
        TicketFactory(status="closed", resolution_due_at=now, sla_breached_at=now),
        TicketFactory(status="closed", first_response_due_at=now),
        TicketFactory(status="open", sla_breached_at=now, sla_paused_at=now),
        TicketFactory(status="on_hold", sla_due_at=now + 61 * M),
        TicketFactory(status="new"),
    ]
    shown = {
        t.pk: t.sla_state for t in Ticket.objects.filter(pk__in=[r.pk for r in rows])
    }
    for state in STATES:
        filtered = set(
            Ticket.objects.filter(sla.state_filter(state), pk__in=shown).values_list(
                "pk", flat=True
            )
        )
        assert filtered == {pk for pk, s in shown.items() if s == state}, state
    assert sum(1 for s in shown.values() if s is None) == 2


def test_the_due_soon_window_is_a_setting(policies, manager, settings):
    ticket = _ticket_in("due_soon", policies["normal"])
    settings.HUB_SLA_DUE_SOON_MINUTES = 5
    state = selectors.ticket_list(user=manager).get(pk=ticket.pk).sla_state
    assert state == sla.State.ON_TRACK


def test_the_queue_sorts_by_the_next_due_time(policies, manager):
    later = _ticket_in("on_track", policies["normal"])
    sooner = _ticket_in("due_soon", policies["normal"])
    no_clock = _ticket_in("met", policies["normal"])
    qs = selectors.ticket_list(user=manager, filters={"ordering": "sla_due"})
    assert list(qs.values_list("pk", flat=True)) == [sooner.pk, later.pk, no_clock.pk]


def test_networks_cannot_filter_by_sla_state(policies, member_a, network_a):
    mine = _ticket_in("on_track", policies["normal"])
    Ticket.objects.filter(pk=mine.pk).update(network=network_a)
    qs = selectors.ticket_list(
        user=member_a,
        filters={"sla_state": ["breached"]},
        request=SimpleNamespace(user=member_a),
    )
    assert list(qs) == [Ticket.objects.get(pk=mine.pk)]  # filter ignored, not leaked
