"""The review queue in the admin: staff read a message and file or reject it."""

import pytest

from inbound.models import InboundMessage
from inbound.services import ticket_from_email
from tests.inbound.mail import mail
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def unrouted(db):
    return ticket_from_email(
        raw=mail(
            sender="new@stranger.example",
            subject="Join?",
            body=None,
            html="<p>Hi</p><script>alert('x')</script>",
        )
    )


def test_the_message_page_shows_text_never_html(client_as, intern, unrouted):
    page = client_as(intern).get(f"/admin/inbound/inboundmessage/{unrouted.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Create a ticket in this network" in html and "Reject" in html
    assert "<script>alert" not in html


def test_an_intern_files_an_unrouted_message_in_a_network(
    client_as, intern, unrouted, network_a
):
    response = client_as(intern).post(
        f"/admin/inbound/inboundmessage/{unrouted.pk}/handle/",
        {"assign": "1", "network": network_a.pk},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.network == network_a and ticket.channel == "email"
    unrouted.refresh_from_db()
    assert unrouted.status == InboundMessage.Status.TICKET


def test_rejecting_needs_a_reason_and_keeps_it(client_as, manager, unrouted):
    browser = client_as(manager)
    url = f"/admin/inbound/inboundmessage/{unrouted.pk}/handle/"
    browser.post(url, {"reject": "1", "reason": ""})
    unrouted.refresh_from_db()
    assert unrouted.status == InboundMessage.Status.UNROUTED
    browser.post(url, {"reject": "1", "reason": "Spam"})
    unrouted.refresh_from_db()
    assert (
        unrouted.status == InboundMessage.Status.REJECTED and "Spam" in unrouted.reason
    )


def test_network_people_cannot_handle_messages(
    client_as, member_a, unrouted, network_a
):
    response = client_as(member_a).post(
        f"/admin/inbound/inboundmessage/{unrouted.pk}/handle/",
        {"assign": "1", "network": network_a.pk},
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Ticket.objects.exists()


def test_a_get_changes_nothing(client_as, manager, unrouted):
    response = client_as(manager).get(
        f"/admin/inbound/inboundmessage/{unrouted.pk}/handle/"
    )
    assert response.status_code == 403


def test_staff_list_assign_and_reject_over_the_api(api_as, intern, unrouted, network_a):
    api = api_as(intern)
    garbage = ticket_from_email(raw=b"garbage")
    listed = api.get("/api/v1/inbound/").json()["results"]
    assert {m["id"] for m in listed} == {unrouted.pk, garbage.pk}
    refused = api.post(f"/api/v1/inbound/{garbage.pk}/reject/", {}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()["errors"]
    api.post(f"/api/v1/inbound/{garbage.pk}/reject/", {"reason": "spam"}, format="json")
    filed = api.post(
        f"/api/v1/inbound/{unrouted.pk}/assign/",
        {"network": network_a.slug},
        format="json",
    )
    assert filed.status_code == 200 and filed.json()["ticket"].startswith("HUB-")
    assert api.get("/api/v1/inbound/").json()["results"] == []
    again = api.post(
        f"/api/v1/inbound/{unrouted.pk}/assign/",
        {"network": network_a.slug},
        format="json",
    )
    assert again.status_code == 400 and "already handled" in again.json()["message"]
    everything = api.get("/api/v1/inbound/?status=ticket&status=rejected").json()
    assert everything["count"] == 2
