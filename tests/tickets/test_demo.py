import threading

import pytest
from django.db import connection

from hub import demo as hub_demo
from tickets import demo, services
from tickets.bulk import TicketSpec, tickets_bulk_create
from tickets.models import Ticket, TicketMessage

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
    assert Ticket.objects.count() == first == len(demo.DEMO_TICKETS)
    assert TicketMessage.objects.filter(internal=True).exists()
    assert TicketMessage.objects.filter(internal=False, author_is_staff=True).exists()
    assert Ticket.objects.values("network").distinct().count() >= 3
    for ticket in Ticket.objects.all():
        assert ticket.reference == f"HUB-{ticket.pk:06d}"
    assert "10 added" in out[1] and "0 added" in out[-1]


def test_bulk_tickets_have_references_and_messages_without_per_row_queries(
    django_assert_max_num_queries,
):
    out, write = lines()
    hub_demo.seed({}, write)
    categories = demo._categories()
    with django_assert_max_num_queries(40):  # per batch, never per row
        demo._bulk(300, categories, [], write)
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
