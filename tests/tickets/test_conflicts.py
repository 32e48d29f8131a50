"""Two staff changing one ticket: the second save gets a clear conflict that says
what changed, in the portal and as HTTP 409 in the API; never a lost update."""

import json
import threading
import urllib.error
import urllib.request

import pytest

from core.exceptions import ConflictError
from hub.tokens import api_token_create
from tests.tickets.factories import TicketFactory
from tickets import services
from tickets.models import Ticket


@pytest.fixture
def ticket(network_a, member_a):
    return TicketFactory(network=network_a, requester=member_a, status="open")


def test_a_stale_version_is_refused_with_what_changed(ticket, intern, manager):
    services.ticket_update(ticket=ticket, actor=intern, version=1, priority="urgent")
    with pytest.raises(ConflictError) as caught:
        services.ticket_update(
            ticket=ticket, actor=manager, version=1, status="pending"
        )
    changes = caught.value.extra["changes"]
    assert caught.value.extra["version"] == 2
    assert [(c["field"], c["from"], c["to"], c["by"]) for c in changes] == [
        ("priority", "Normal", "Urgent", str(intern))
    ]
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.status) == ("urgent", "open")


def test_the_api_answers_409_with_the_changes(ticket, intern, manager, api_as):
    url = f"/api/v1/tickets/{ticket.reference}/"
    first = api_as(intern).patch(url, {"priority": "high", "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api_as(manager).patch(
        url, {"status": "pending", "version": 1}, format="json"
    )
    assert second.status_code == 409
    body = second.json()
    assert "changed this ticket" in body["message"]
    assert body["changes"][0]["field"] == "priority"
    assert body["changes"][0]["to"] == "High"
    assert body["version"] == 2


def test_the_portal_keeps_the_input_and_shows_the_conflict(
    ticket, intern, manager, client_as
):
    services.ticket_update(ticket=ticket, actor=intern, version=1, priority="urgent")
    response = client_as(manager).post(
        f"/tickets/{ticket.reference}/properties/",
        {
            "props-version": 1,
            "props-status": "pending",
            "props-priority": "low",
            "props-kind": "question",
            "props-tags": "payout, vip",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="conflict"' in html
    assert 'Normal <span class="flip-rtl">→</span> Urgent' in html
    assert 'value="payout, vip"' in html  # the manager's input is kept
    form = response.context["props_form"]
    assert form.data["props-priority"] == "low"
    assert form.data["props-version"] == 2  # saving again applies over theirs
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"


def _patch(base, token, reference, payload, results):
    request = urllib.request.Request(  # noqa: S310 - the test server's http URL
        f"{base}/api/v1/tickets/{reference}/",
        data=json.dumps(payload).encode(),
        method="PATCH",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            results.append((response.status, json.loads(response.read())))
    except urllib.error.HTTPError as error:
        results.append((error.code, json.loads(error.read())))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_patches_one_wins_one_conflicts(
    live_server, network_a, member_a, intern, manager
):
    ticket = TicketFactory(network=network_a, requester=member_a, status="open")
    tokens = [api_token_create(user=u, name="test")[1] for u in (intern, manager)]
    payloads = [
        {"priority": "urgent", "version": 1},
        {"status": "pending", "version": 1},
    ]
    results: list = []
    threads = [
        threading.Thread(
            target=_patch,
            args=(live_server.url, token, ticket.reference, payload, results),
        )
        for token, payload in zip(tokens, payloads, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(status for status, _body in results)
    assert statuses == [200, 409]
    winner = next(body for status, body in results if status == 200)
    loser = next(body for status, body in results if status == 409)
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.version == 2
    if winner["priority"] == "urgent":
        assert (ticket.priority, ticket.status) == ("urgent", "open")
        assert loser["changes"][0]["field"] == "priority"
    else:
        assert (ticket.priority, ticket.status) == ("normal", "pending")
        assert loser["changes"][0]["field"] == "status"
