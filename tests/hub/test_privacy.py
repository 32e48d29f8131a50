"""A network's data out (export.zip) and a person's data gone (erasure), from
the side of the managers who may and of everyone who may not."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from audit.models import AuditEntry
from core.cache import request_scope
from core.exceptions import PermissionDeniedError
from hub.privacy import network_export
from tests.tickets.factories import PNG_BYTES, MessageFactory, TicketFactory
from tickets.models import Attachment, TicketChange

pytestmark = pytest.mark.django_db


def _attach(ticket, message, user, content=PNG_BYTES, name="shot.png"):
    return Attachment.objects.create(
        ticket=ticket,
        message=message,
        file=ContentFile(content, name=name),
        name=name,
        content_type="image/png",
        size=len(content),
        uploaded_by=user,
    )


@pytest.fixture
def network_a_data(network_a, network_b, member_a, member_b, intern):
    from tests.campaigns.factories import MetricFactory, enrolled_campaign

    ticket = TicketFactory(
        network=network_a, requester=member_a, subject="=HYPERLINK(evil)"
    )
    reply = MessageFactory(ticket=ticket, author=member_a, body="Any news?")
    note = MessageFactory(
        ticket=ticket, author=intern, internal=True, body="Internal: ledger checked"
    )
    _attach(ticket, note, intern, content=b"\x89PNG note bytes", name="note.png")
    _attach(ticket, reply, member_a)
    TicketChange.objects.create(
        ticket=ticket, actor=intern, field="status", old_value="New", new_value="Open"
    )
    campaign = enrolled_campaign(network_a, network_b)
    MetricFactory(campaign=campaign, network=network_a, value=Decimal("12.5"))
    MetricFactory(campaign=campaign, network=network_b, value=Decimal("99"))
    other = TicketFactory(network=network_b, requester=member_b, subject="Bravo only")
    return {"ticket": ticket, "campaign": campaign, "other": other}


def _archive(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _csv(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_the_export_holds_the_networks_tables_and_files_and_nothing_else(
    client_as, manager, network_a, network_a_data
):
    response = client_as(manager).get(f"/hub/networks/{network_a.slug}/export.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="{network_a.slug}-export-'
    )
    archive = _archive(response)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["rows"]["tickets"] == 1
    assert manifest["rows"]["messages"] == 2
    assert manifest["files"] == {"copied": 2, "missing": []}
    assert json.loads(archive.read("network.json"))["slug"] == network_a.slug
    ticket = network_a_data["ticket"]
    tickets = json.loads(archive.read("tickets.json"))
    assert [t["reference"] for t in tickets] == [ticket.reference]
    assert tickets[0]["subject"] == "=HYPERLINK(evil)"  # JSON keeps the data as is
    assert _csv(archive, "tickets.csv")[0]["subject"] == "'=HYPERLINK(evil)"
    bodies = {
        m["body"]: m["internal"] for m in json.loads(archive.read("messages.json"))
    }
    assert bodies == {"Any news?": False, "Internal: ledger checked": True}
    files = [n for n in archive.namelist() if n.startswith("attachments/")]
    assert len(files) == 2
    assert b"\x89PNG note bytes" in {archive.read(name) for name in files}
    assert _csv(archive, "ticket_history.csv")[0]["new_value"] == "Open"
    figures = _csv(archive, "campaign_figures.csv")
    assert [(f["campaign"], f["value"]) for f in figures] == [
        (network_a_data["campaign"].slug, "12.50")
    ]
    people = _csv(archive, "memberships.csv")
    assert {p["email"] for p in people} == set(
        network_a.memberships.values_list("user__email", flat=True)
    )
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert network_a_data["other"].reference.encode() not in everything
    assert b"Bravo only" not in everything and b"99.00" not in everything


def test_the_export_is_in_the_audit_log(client_as, manager, network_a, network_a_data):
    client_as(manager).get(f"/hub/networks/{network_a.slug}/export.zip")
    entry = AuditEntry.objects.get(action="network.export")
    assert (entry.actor, entry.object_id) == (manager, str(network_a.pk))
    assert entry.changes["tickets"] == 1 and entry.changes["files"] == 2


@pytest.mark.parametrize("who", ["intern", "member_a", "owner_a"])
def test_only_managers_export(client_as, who, request, network_a):
    person = request.getfixturevalue(who)
    assert (
        client_as(person).get(f"/hub/networks/{network_a.slug}/export.zip").status_code
        == 404
    )
    with pytest.raises(PermissionDeniedError):
        network_export(actor=person, network=network_a)
    assert not AuditEntry.objects.filter(action="network.export").exists()


def test_the_export_costs_the_same_queries_for_a_big_network(
    manager, network_a, member_a, django_assert_num_queries
):
    def build():
        file, _name = network_export(actor=manager, network=network_a)
        file.close()

    ticket = TicketFactory(network=network_a, requester=member_a)
    MessageFactory(ticket=ticket)
    _attach(ticket, None, member_a)
    # each export is one request: the manager's groups are looked up once in it
    with request_scope(), django_assert_num_queries(20) as small:
        build()
    for _ in range(40):
        ticket = TicketFactory(network=network_a, requester=member_a)
        MessageFactory.create_batch(3, ticket=ticket)
        _attach(ticket, None, member_a)
    with request_scope(), django_assert_num_queries(len(small.captured_queries)):
        build()


def test_the_export_streams_rows_instead_of_holding_the_network_in_memory(
    manager, network_a, member_a, monkeypatch
):
    """Messages worth ~6 MB, read 50 rows at a time: Python never holds more
    than a fraction of them."""
    import tracemalloc

    from hub.privacy import export
    from tickets.models import TicketMessage

    monkeypatch.setattr(export, "CHUNK", 50)
    ticket = TicketFactory(network=network_a, requester=member_a)
    body = "x" * 10_000
    TicketMessage.objects.bulk_create(
        TicketMessage(ticket=ticket, author=member_a, body=f"{n} {body}")
        for n in range(600)
    )
    tracemalloc.start()
    try:
        file, _name = network_export(actor=manager, network=network_a)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    with zipfile.ZipFile(file) as archive:
        assert len(json.loads(archive.read("messages.json"))) == 600
    file.close()
    assert peak < 3_000_000, f"peak {peak:,} bytes for ~6,000,000 bytes of messages"


# --- erasure ---------------------------------------------------------------------


def test_every_foreign_key_to_the_user_has_an_erasure_policy():
    from hub.privacy.erasure import POLICIES, user_relations

    assert user_relations() == sorted(POLICIES)


@pytest.fixture
def erasable(network_a, member_a, intern, client_as):
    """member_a with a bit of everything the hub keeps about a person."""
    from django.utils import timezone

    from audit.services import audit_record
    from faq import services as faq_services
    from hub.models import OutboxMessage
    from onboarding.models import (
        AnnouncementAcknowledgement,
        Delivery,
        EmailPreference,
        Invitation,
    )
    from tests.faq.factories import ArticleFactory
    from tests.onboarding.factories import AnnouncementFactory

    member_a.email, member_a.display_name = "ria.lopez@alpha.example", "Ria Lopez"
    member_a.save()
    ticket = TicketFactory(network=network_a, requester=member_a)
    message = MessageFactory(ticket=ticket, author=member_a, body="Please check it")
    _attach(ticket, message, member_a)
    article = ArticleFactory(status="published")
    faq_services.article_vote(article=article, helpful=True, user=member_a)
    faq_services.deflection_record_open(article=article, user=member_a)
    EmailPreference.objects.create(user=member_a, tips=False)
    Delivery.objects.create(kind="tip", recipient=member_a, key="2026-W10")
    announcement = AnnouncementFactory(published_at=timezone.now())
    AnnouncementAcknowledgement.objects.create(announcement=announcement, user=member_a)
    from hub.tokens import api_token_create

    _token, secret = api_token_create(user=member_a, name="scripts")
    Invitation.objects.create(network=network_a, email=member_a.email)
    OutboxMessage.objects.create(
        task_name="hub.tasks.send_email_task", kwargs={"to": [member_a.email]}
    )
    audit_record(
        actor=intern,
        action="onboarding.invite",
        obj=network_a,
        changes={"invited": member_a.email},
    )
    browser = client_as(member_a)
    assert browser.get("/").status_code == 200
    return {
        "secret": secret,
        "person": member_a,
        "ticket": ticket,
        "message": message,
        "article": article,
        "browser": browser,
    }


def test_erasure_anonymises_tickets_and_removes_everything_else(
    api_as, manager, erasable, client_as, network_a
):
    from faq.models import ArticleVote, Deflection
    from hub.models import Membership, OutboxMessage
    from onboarding.models import (
        AnnouncementAcknowledgement,
        Delivery,
        EmailPreference,
        Invitation,
    )

    person = erasable["person"]
    response = api_as(manager).post(f"/api/v1/people/{person.pk}/erase/")
    assert response.status_code == 200
    assert response.json()["erased"] is True
    person.refresh_from_db()
    # the account: deactivated, unusable, its address freed
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert person.display_name == "Erased person" and not person.is_active
    assert not person.has_usable_password()
    # the record stays: the ticket and the message, now by "Erased person"
    ticket, message = erasable["ticket"], erasable["message"]
    message.refresh_from_db()
    assert message.body == "Please check it" and message.author_id == person.pk
    page = client_as(manager).get(f"/tickets/{ticket.reference}/").content.decode()
    assert "Erased person" in page
    assert "Ria Lopez" not in page and "ria.lopez@" not in page
    # the rest goes
    assert not Membership.objects.filter(user=person).exists()
    assert not EmailPreference.objects.filter(user=person).exists()
    assert not Delivery.objects.filter(recipient=person).exists()
    assert not AnnouncementAcknowledgement.objects.filter(user=person).exists()
    assert not ArticleVote.objects.filter(user=person).exists()
    assert not Deflection.objects.filter(user=person).exists()
    assert Deflection.objects.filter(user=None).count() == 1  # kept for figures
    erasable["article"].refresh_from_db()
    assert erasable["article"].helpful_yes == 0
    from hub.models import ApiToken

    assert not ApiToken.objects.filter(user=person).exists()
    from rest_framework.test import APIClient

    response = APIClient().get(
        "/api/v1/tickets/", HTTP_AUTHORIZATION=f"Token {erasable['secret']}"
    )
    assert response.status_code == 401  # the token died with the data
    assert not Invitation.objects.filter(email__icontains="ria.lopez").exists()
    assert not OutboxMessage.objects.filter(kwargs__icontains="ria.lopez").exists()
    # signed out everywhere, and cannot sign in again
    assert erasable["browser"].get("/").status_code == 302
    assert not client_as(manager).login(
        username="ria.lopez@alpha.example", password="correct-horse-battery"
    )
    # the audit log keeps the fact, not the person
    entry = AuditEntry.objects.get(action="person.erase")
    assert (entry.actor, entry.object_id) == (manager, str(person.pk))
    assert entry.changes["hub.Membership.user"] == 1
    for row in AuditEntry.objects.all():
        text = f"{row.actor_label} {row.object_label} {row.changes}"
        assert "ria.lopez" not in text and "Ria Lopez" not in text


def test_the_freed_address_can_join_again_as_a_new_account(
    manager, erasable, network_a
):
    from hub.privacy import person_erase
    from onboarding.services import (
        invitation_accept,
        invitation_create,
        invitation_token,
    )

    old = erasable["person"]
    person_erase(actor=manager, person=old)
    invitation = invitation_create(
        actor=manager, network=network_a, email="ria.lopez@alpha.example"
    )
    joined = invitation_accept(
        token=invitation_token(invitation), password="A-new-long-passphrase1"
    )
    assert joined.pk != old.pk and joined.email == "ria.lopez@alpha.example"


@pytest.mark.parametrize("target", ["intern", "manager", "superuser"])
def test_staff_and_administrators_cannot_be_erased(api_as, manager, target, request):
    if target == "superuser":
        person = get_user_model().objects.create_superuser("root@hub.example", "x")
    else:
        person = request.getfixturevalue(target)
    response = api_as(manager).post(f"/api/v1/people/{person.pk}/erase/")
    assert response.status_code == 403
    assert set(response.json()) == {"message", "errors"}
    person.refresh_from_db()
    assert person.is_active and not person.email.endswith("erased.invalid")
    assert not AuditEntry.objects.filter(action="person.erase").exists()


@pytest.mark.parametrize(("who", "status"), [("intern", 403), ("owner_a", 403)])
def test_only_managers_erase(api_as, client_as, who, status, request, member_a):
    actor = request.getfixturevalue(who)
    response = api_as(actor).post(f"/api/v1/people/{member_a.pk}/erase/")
    assert response.status_code == status
    assert client_as(actor).post(f"/hub/people/{member_a.pk}/erase/").status_code == 404
    member_a.refresh_from_db()
    assert member_a.is_active


def test_erasing_twice_is_a_clear_error(api_as, manager, member_a):
    api_as(manager).post(f"/api/v1/people/{member_a.pk}/erase/")
    again = api_as(manager).post(f"/api/v1/people/{member_a.pk}/erase/")
    assert again.status_code == 400
    assert "already been erased" in again.json()["message"]
    assert api_as(manager).post("/api/v1/people/999999/erase/").status_code == 404


def test_the_confirm_page_asks_first_then_erases(client_as, manager, member_a, intern):
    browser = client_as(manager)
    page = browser.get(f"/hub/people/{member_a.pk}/erase/").content.decode()
    assert member_a.email in page and "Erase this person's data" in page
    member_a.refresh_from_db()
    assert member_a.is_active  # a GET changes nothing
    response = browser.post(f"/hub/people/{member_a.pk}/erase/")
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert not member_a.is_active
    staff_page = browser.get(f"/hub/people/{intern.pk}/erase/").content.decode()
    assert "cannot be erased here" in staff_page
    assert "Erase this person" not in staff_page
