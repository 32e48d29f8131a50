import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.hub.factories import MembershipFactory
from tests.tickets.factories import (
    PNG_BYTES,
    CategoryFactory,
    MessageFactory,
    TicketFactory,
)
from tickets import services
from tickets.models import Ticket

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/"


def detail(ticket):
    return f"{URL}{ticket.reference}/"


def messages(ticket):
    return f"{URL}{ticket.reference}/messages/"


@pytest.fixture
def ticket(network_a, member_a):
    return TicketFactory(network=network_a, requester=member_a)


def test_the_journey_over_the_api(
    api_as, member_a, member_b, intern, network_a, django_capture_on_commit_callbacks
):
    CategoryFactory(slug="payouts", name="Payouts")
    network, staff, other = api_as(member_a), api_as(intern), api_as(member_b)
    # a network files a ticket with an attachment (multipart)
    with django_capture_on_commit_callbacks(execute=True):
        response = network.post(
            URL,
            {
                "subject": "Diamonds missing",
                "description": "From the 12 May battle",
                "category": "payouts",
                "kind": "problem",
                "priority": "high",
                "attachments": [SimpleUploadedFile("shot.png", PNG_BYTES)],
            },
            format="multipart",
        )
    assert response.status_code == 201, response.json()
    created = response.json()
    ref = created["reference"]
    assert created["network"] == network_a.slug and created["status"] == "new"
    assert {"tags", "version", "channel"}.isdisjoint(created)  # staff-only fields
    assert Ticket.objects.get(reference=ref).channel == "api"
    assert mail.outbox[-1].to == [member_a.email]
    # staff see it in the queue, add an internal note and a public reply
    queue = staff.get(URL, {"status": "new"}).json()
    assert ref in [t["reference"] for t in queue["results"]]
    note = staff.post(f"{URL}{ref}/messages/", {"body": "fraud hold", "internal": True})
    assert note.status_code == 201 and note.json()["internal"] is True
    with django_capture_on_commit_callbacks(execute=True):
        reply = staff.post(
            f"{URL}{ref}/messages/", {"body": "We are on it", "status": "pending"}
        )
    assert reply.status_code == 201
    assert mail.outbox[-1].to == [member_a.email]
    assert "fraud hold" not in mail.outbox[-1].body
    # the network sees the reply and never the note
    seen = network.get(f"{URL}{ref}/messages/").json()["results"]
    assert [m["body"] for m in seen] == ["We are on it"]
    assert network.get(f"{URL}{ref}/").json()["status"] == "pending"
    # another network gets 404 everywhere
    assert other.get(f"{URL}{ref}/").status_code == 404
    assert other.get(f"{URL}{ref}/messages/").status_code == 404
    assert other.post(f"{URL}{ref}/messages/", {"body": "x"}).status_code == 404
    assert other.patch(f"{URL}{ref}/", {"status": "solved"}).status_code == 404
    assert ref not in str(other.get(URL).json())
    # staff see both messages
    assert len(staff.get(f"{URL}{ref}/messages/").json()["results"]) == 2


def test_anonymous_requests_are_refused(api_client, ticket):
    assert api_client.get(URL).status_code in (401, 403)
    assert api_client.get(detail(ticket)).status_code in (401, 403)
    assert api_client.post(URL, {"subject": "x"}).status_code in (401, 403)


def test_a_member_cannot_triage_their_own_ticket(api_as, member_a, ticket, intern):
    client = api_as(member_a)
    for body in (
        {"status": "solved"},
        {"priority": "urgent"},
        {"assignee": intern.email},
    ):
        response = client.patch(detail(ticket), body, format="json")
        assert response.status_code == 403, body
        assert "cannot change" in response.json()["message"]
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.assignee) == ("new", "normal", None)


def test_a_member_cannot_set_status_or_assignee_on_create(api_as, member_a):
    response = api_as(member_a).post(
        URL, {"subject": "s", "description": "d", "status": "solved"}, format="json"
    )
    assert response.status_code == 403
    assert not Ticket.objects.exists()


def test_a_member_cannot_write_internal_notes_or_set_status(api_as, member_a, ticket):
    client = api_as(member_a)
    response = client.post(
        messages(ticket), {"body": "x", "internal": True}, format="json"
    )
    assert response.status_code == 403
    assert "internal notes" in response.json()["message"]
    response = client.post(
        messages(ticket), {"body": "x", "status": "solved"}, format="json"
    )
    assert response.status_code == 403
    assert ticket.messages.count() == 0


def test_a_member_never_receives_internal_messages(api_as, member_a, ticket, intern):
    MessageFactory(ticket=ticket, author=intern, internal=True, body="SECRET")
    MessageFactory(ticket=ticket, author=intern, body="public")
    body = api_as(member_a).get(messages(ticket)).content.decode()
    assert "SECRET" not in body and "public" in body


def test_staff_triage_with_version_and_conflict(api_as, intern, manager, ticket):
    CategoryFactory(slug="payouts", name="Payouts")
    client = api_as(intern)
    response = client.patch(
        detail(ticket),
        {
            "status": "open",
            "priority": "urgent",
            "assignee": manager.email,
            "category": "payouts",
            "tags": ["vip"],
            "version": 1,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["status"], data["priority"], data["assignee"], data["category"]) == (
        "open",
        "urgent",
        manager.email,
        "payouts",
    )
    assert data["tags"] == ["vip"] and data["version"] == 2
    stale = client.patch(
        detail(ticket), {"priority": "low", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    impossible = client.patch(detail(ticket), {"status": "new"}, format="json")
    assert impossible.status_code == 400
    assert "cannot move" in impossible.json()["message"]


def test_member_of_several_networks_must_name_one(
    api_as, member_a, network_a, network_b
):
    MembershipFactory(user=member_a, network=network_b)
    client = api_as(member_a)
    body = {"subject": "s", "description": "d"}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert "network" in response.json()["errors"]
    response = client.post(URL, {**body, "network": network_b.slug}, format="json")
    assert response.status_code == 201 and response.json()["network"] == network_b.slug


def test_a_member_cannot_file_for_another_network(api_as, member_a, network_b):
    response = api_as(member_a).post(
        URL,
        {"subject": "s", "description": "d", "network": network_b.slug},
        format="json",
    )
    assert response.status_code == 400
    assert "network" in response.json()["errors"]
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"description": "d"}, "subject"),
        ({"subject": "s"}, "description"),
        ({"subject": "s", "description": "d", "kind": "rant"}, "kind"),
        ({"subject": "s", "description": "d", "priority": "asap"}, "priority"),
        ({"subject": "s", "description": "d", "category": "nope"}, "category"),
        ({"subject": "s" * 201, "description": "d"}, "subject"),
        ({"subject": "s", "description": "d" * 20_001}, "description"),
    ],
)
def test_bad_input_answers_400_with_field_errors(api_as, member_a, body, field):
    response = api_as(member_a).post(URL, body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert field in data["errors"] and data["message"]
    assert not Ticket.objects.exists()


def test_malformed_json_is_a_clear_400(api_as, member_a):
    response = api_as(member_a).post(
        URL, '{"subject": "s",', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["message"]


def test_an_oversized_attachment_is_refused(api_as, member_a, ticket, settings):
    settings.HUB_ATTACHMENT_MAX_BYTES = 50
    response = api_as(member_a).post(
        messages(ticket),
        {"body": "file", "attachments": [SimpleUploadedFile("a.png", PNG_BYTES)]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "too large" in response.json()["message"]
    assert ticket.messages.count() == 0


def test_an_empty_reply_is_refused(api_as, member_a, ticket):
    response = api_as(member_a).post(messages(ticket), {"body": ""}, format="json")
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_the_list_uses_the_portal_filters(api_as, intern, network_a, network_b):
    from tickets.models import Tag

    live = CategoryFactory(slug="live-access", name="LIVE access")
    a = TicketFactory(
        network=network_a, priority="urgent", subject="LIVE ban", category=live
    )
    b = TicketFactory(
        network=network_b,
        status="pending",
        assignee=intern,
        kind="feature_request",
        tags=[Tag.objects.create(name="vip")],
    )
    client = api_as(intern)

    def refs(**params):
        return [t["reference"] for t in client.get(URL, params).json()["results"]]

    assert refs(network=network_b.slug) == [b.reference]
    assert refs(status="pending") == [b.reference]
    assert refs(priority="urgent") == [a.reference]
    assert refs(q="ban") == [a.reference]
    assert refs(assignee=intern.pk) == [b.reference]
    assert refs(ordering="-priority")[0] == a.reference
    assert refs(category="live-access") == [a.reference]
    assert refs(kind="feature_request") == [b.reference]
    assert refs(tag="vip") == [b.reference]
    assert refs(unassigned="true") == [a.reference]
    bad = client.get(URL, {"status": "exploded"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_endpoint_has_a_constant_number_of_queries(
    api_as, intern, network_a, count, django_assert_num_queries
):
    category = CategoryFactory(slug="payouts", name="Payouts")
    for _ in range(count):
        TicketFactory(network=network_a, category=category, assignee=intern)
    client = api_as(intern)
    with django_assert_num_queries(3):
        response = client.get(URL, {"page_size": 50})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [2, 15])
def test_the_member_list_endpoint_has_a_constant_number_of_queries(
    api_as, member_a, network_a, count, django_assert_num_queries
):
    for _ in range(count):
        TicketFactory(network=network_a)
    client = api_as(member_a)
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert response.json()["count"] == count


def test_the_schema_documents_the_ticket_endpoints(api_as, intern):
    schema = api_as(intern).get("/api/schema/?format=json").json()
    assert "/api/v1/tickets/{reference}/messages/" in schema["paths"]


def test_tickets_carry_their_sla_fields(api_as, member_a, intern):
    from tests.tickets.factories import PolicyFactory

    PolicyFactory(priority="urgent", first_response_minutes=240)
    created = api_as(member_a).post(
        "/api/v1/tickets/",
        {"subject": "LIVE ban", "description": "help", "priority": "urgent"},
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["sla_state"] == "on_track"
    assert body["first_response_due_at"] and body["resolution_due_at"]
    assert "version" not in body  # staff only
    staff = api_as(intern).get(f"/api/v1/tickets/{body['reference']}/").json()
    assert staff["version"] == 1
    listed = api_as(intern).get("/api/v1/tickets/?sla_state=on_track").json()
    assert [t["reference"] for t in listed["results"]] == [body["reference"]]
    assert (
        api_as(intern).get("/api/v1/tickets/?sla_state=breached").json()["results"]
        == []
    )


def test_sla_fields_cannot_be_written(api_as, member_a, intern):
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    response = api_as(intern).patch(
        f"/api/v1/tickets/{ticket.reference}/",
        {"sla_state": "met", "resolution_due_at": "2030-01-01T00:00:00Z"},
        format="json",
    )
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.resolution_due_at is None


def test_a_network_filing_too_many_tickets_gets_429(api_as, member_a, settings):
    settings.HUB_TICKETS_PER_NETWORK_PER_HOUR = 3
    client = api_as(member_a)
    payload = {"subject": "Gifts missing", "description": "Since last night's LIVE."}
    for _ in range(3):
        assert (
            client.post("/api/v1/tickets/", payload, format="json").status_code == 201
        )
    response = client.post("/api/v1/tickets/", payload, format="json")
    assert response.status_code == 429
    assert "in the last hour" in response.json()["message"]


def test_staff_filing_for_a_network_are_not_rate_limited(
    api_as, manager, network_a, settings
):
    settings.HUB_TICKETS_PER_NETWORK_PER_HOUR = 1
    client = api_as(manager)
    payload = {
        "subject": "Logged by phone",
        "description": "The owner called about payouts.",
        "network": network_a.slug,
    }
    statuses = [
        client.post("/api/v1/tickets/", payload, format="json").status_code
        for _ in range(2)
    ]
    assert statuses == [201, 201]
