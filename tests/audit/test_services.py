"""audit_record: one INSERT, in the caller's transaction, with the address."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from audit.context import _current_request
from audit.models import AuditEntry
from audit.services import audit_forget_person, audit_record, audit_record_many
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_a_record_is_one_insert_with_who_what_and_changes(manager):
    ticket = TicketFactory()
    with CaptureQueriesContext(connection) as queries:
        entry = audit_record(
            actor=manager,
            action="ticket.status",
            obj=ticket,
            changes={"status": ["New", "Open"]},
        )
    assert len(queries) == 1 and queries[0]["sql"].startswith("INSERT")
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_label) == (manager, manager.email)
    assert (entry.object_type, entry.object_id) == ("tickets.ticket", str(ticket.pk))
    assert entry.object_label == str(ticket)
    assert entry.changes == {"status": ["New", "Open"]}
    assert entry.ip is None  # no request: a command or a worker


def test_the_record_rolls_back_with_the_change(manager):
    ticket = TicketFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=manager, action="ticket.status", obj=ticket)
        raise RuntimeError("the change failed")
    assert not AuditEntry.objects.exists()


def test_the_address_comes_from_the_request_being_served(manager, rf, settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    token = _current_request.set(request)
    try:
        entry = audit_record(actor=manager, action="x", obj=TicketFactory())
    finally:
        _current_request.reset(token)
    assert entry.ip == "198.51.100.4"
    explicit = audit_record(
        actor=manager, action="x", obj=entry, request=rf.get("/", REMOTE_ADDR="::1")
    )
    assert explicit.ip == "::1"


def test_values_are_stored_as_json_and_the_system_has_no_account():
    from datetime import date
    from decimal import Decimal

    entry = audit_record(
        actor=None,
        action="x",
        obj=TicketFactory(),
        changes={"when": date(2026, 3, 1), "value": Decimal("1.50"), "o": object},
    )
    entry.refresh_from_db()
    assert entry.actor_label == "system"
    assert entry.changes["when"] == "2026-03-01"
    assert entry.changes["value"] == "1.50"


def test_many_records_are_one_bulk_insert(manager):
    tickets = TicketFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        audit_record_many(
            actor=manager, action="ticket.bulk_update", items=[(t, {}) for t in tickets]
        )
    assert len(queries) == 1
    assert AuditEntry.objects.filter(action="ticket.bulk_update").count() == 3


def test_forgetting_a_person_keeps_rows_but_not_their_name_or_address(manager):
    from tests.hub.factories import UserFactory

    person = UserFactory(email="gone@alpha.example", display_name="Gone Person")
    ticket = TicketFactory()
    about = audit_record(actor=manager, action="admin.change", obj=person)
    by = audit_record(actor=person, action="onboarding.invite", obj=ticket)
    mention = audit_record(
        actor=manager,
        action="onboarding.member_remove",
        obj=ticket,
        changes={"removed": "gone@alpha.example"},
    )
    audit_forget_person(person=person, email=person.email, name=person.display_name)
    for entry in (about, by, mention):
        entry.refresh_from_db()
    assert about.object_label == "Erased person"
    assert by.actor_label == "Erased person"
    assert mention.changes == {"removed": "Erased person"}
    assert AuditEntry.objects.count() == 3
    assert not AuditEntry.objects.filter(changes__icontains="gone@").exists()
