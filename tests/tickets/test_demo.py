import threading

import pytest
from django.db import connection

from hub import demo as hub_demo
from tickets import demo, demo_generated, demo_sla, services
from tickets.models import Ticket, TicketMessage
from tickets.seeding import TicketSpec, tickets_bulk_create

pytestmark = pytest.mark.django_db


def lines():
    out = []
    return out, out.append


def test_seed_is_idempotent_and_has_replies_and_notes():
    out, write = lines()
    hub_demo.seed({}, write)
    demo.seed({}, write)
    first = Ticket.objects.count()
    demo.seed({}, write)
    assert (
        Ticket.objects.count()
        == first
        == len(demo.DEMO_TICKETS) + len(demo.RECURRING_TICKETS)
    )
    assert TicketMessage.objects.filter(internal=True).exists()
    assert TicketMessage.objects.filter(internal=False, author_is_staff=True).exists()
    assert Ticket.objects.values("network").distinct().count() >= 3
    for ticket in Ticket.objects.all():
        assert ticket.reference == f"HUB-{ticket.pk:06d}"
    ticket_lines = [line for line in out if line.startswith("Demo tickets ready")]
    every = len(demo.DEMO_TICKETS) + len(demo.RECURRING_TICKETS)
    assert f"({every} added" in ticket_lines[0] and "(0 added" in ticket_lines[-1]


def test_seed_gives_the_demo_its_service_standards():
    from tickets.models import (
        BusinessCalendar,
        CannedReply,
        SatisfactionRating,
        SlaPolicy,
    )

    out, write = lines()
    hub_demo.seed({}, write)
    demo.seed({}, write)
    calendar = BusinessCalendar.objects.get(name="Sydney support team")
    assert calendar.holidays.count() == len(demo_sla.NSW_HOLIDAYS)
    assert calendar.to_calendar().time_zone == "Australia/Sydney"
    urgent = SlaPolicy.objects.get(priority="urgent")
    assert (urgent.first_response_minutes, urgent.resolution_minutes) == (60, 480)
    assert SlaPolicy.objects.get(priority="low").resolution_minutes == 10 * 8 * 60
    assert CannedReply.objects.count() == len(demo_sla.MACROS)
    assert not Ticket.objects.filter(sla_policy__isnull=True).exists()
    assert not Ticket.objects.filter(resolution_due_at__isnull=True).exists()
    assert SatisfactionRating.objects.exists()
    counts = (SlaPolicy.objects.count(), SatisfactionRating.objects.count())
    demo.seed({}, write)
    assert (SlaPolicy.objects.count(), SatisfactionRating.objects.count()) == counts


def test_bulk_due_times_are_set_at_insert_and_filled_without_per_row_queries(
    django_assert_max_num_queries,
):
    out, write = lines()
    hub_demo.seed({}, write)
    demo_sla.seed_standards(write)
    demo_generated.generated_tickets_add(300, demo._categories(), [], write)
    # set before the insert: nothing left for the UPDATE passes
    assert not Ticket.objects.filter(resolution_due_at__isnull=True).exists()
    solved = Ticket.objects.filter(status="solved").first()
    assert solved.resolution_business_seconds is not None
    assert demo_sla.fill_due_times(write) == 0
    # tickets seeded another way are filled in a few UPDATEs, never per row
    Ticket.objects.update(
        sla_policy=None,
        first_response_due_at=None,
        resolution_due_at=None,
        sla_due_at=None,
        resolution_business_seconds=None,
    )
    with django_assert_max_num_queries(25):
        assert demo_sla.fill_due_times(write) == 300
    assert not Ticket.objects.filter(resolution_due_at__isnull=True).exists()
    solved.refresh_from_db()
    assert solved.resolution_business_seconds is not None


def test_bulk_tickets_have_references_and_messages_without_per_row_queries(
    django_assert_max_num_queries,
):
    out, write = lines()
    hub_demo.seed({}, write)
    categories = demo._categories()
    with django_assert_max_num_queries(40):  # per batch, never per row
        demo_generated.generated_tickets_add(300, categories, [], write)
    assert Ticket.objects.count() == 300
    refs = list(Ticket.objects.values_list("pk", "reference"))
    assert all(ref == f"HUB-{pk:06d}" for pk, ref in refs)
    assert TicketMessage.objects.count() > 0
    # a ticket filed afterwards draws the next key: no collision
    member = hub_demo.User.objects.get(email="member@northstar.example")
    ticket = services.ticket_create(requester=member, subject="s", description="d")
    assert ticket.reference == f"HUB-{ticket.pk:06d}"
    assert Ticket.objects.filter(reference=ticket.reference).count() == 1


def test_bulk_reports_progress_per_batch(network_a):
    out, write = lines()
    from django.utils import timezone

    specs = (
        TicketSpec(
            network_id=network_a.pk,
            requester_id=None,
            subject=f"s{i}",
            description="d",
            created_at=timezone.now(),
        )
        for i in range(25)
    )
    tickets_bulk_create(specs=specs, batch_size=10, out=write, total=25)
    assert out == [
        "tickets: 10/25 inserted",
        "tickets: 20/25 inserted",
        "tickets: 25/25 inserted",
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_references_stay_unique_when_tickets_are_filed_at_the_same_time(member_a):
    errors, barrier = [], threading.Barrier(6)

    def file_one(i):
        try:
            barrier.wait(timeout=10)
            services.ticket_create(requester=member_a, subject=f"s{i}", description="d")
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=file_one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    refs = list(Ticket.objects.values_list("reference", flat=True))
    assert len(refs) == len(set(refs)) == 6
    assert None not in refs
