"""One vocabulary for every API list: ``search`` (``q`` an alias) and the shared
paging parameters ``page`` / ``page_size`` (``core.api.filters``,
``core.api.pagination``)."""

import pytest
import yaml

from audit.services import audit_record
from tests.hub.factories import NetworkFactory
from tests.tickets.factories import MessageFactory, TicketFactory


@pytest.fixture
def two_tickets(network_a):
    payout = TicketFactory(network=network_a, subject="Payout delayed for March")
    other = TicketFactory(network=network_a, subject="Cannot go LIVE on Android")
    return payout, other


def _references(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["reference"] for row in response.json()["results"]}


@pytest.mark.parametrize("param", ["search", "q"])
def test_ticket_list_search_filters_and_q_stays_an_alias(
    api_as, manager, two_tickets, param
):
    payout, _other = two_tickets
    response = api_as(manager).get("/api/v1/tickets/", {param: "payout"})
    assert _references(response) == {payout.reference}


def test_a_network_search_stays_within_its_own_tickets(
    api_as, owner_a, network_b, two_tickets
):
    TicketFactory(network=network_b, subject="Payout for the other network")
    response = api_as(owner_a).get("/api/v1/tickets/", {"search": "payout"})
    assert _references(response) == {two_tickets[0].reference}


def test_network_and_campaign_lists_take_search(api_as, manager):
    NetworkFactory(name="Zephyr Talent", slug="zephyr")
    NetworkFactory(name="Orchid Live", slug="orchid")
    response = api_as(manager).get("/api/v1/networks/", {"search": "zeph"})
    assert [n["slug"] for n in response.json()["results"]] == ["zephyr"]


def test_lists_without_a_text_filter_search_their_columns(api_as, manager, network_a):
    audit_record(actor=manager, action="network.export", obj=network_a)
    audit_record(actor=manager, action="ticket.assign", obj=manager)
    response = api_as(manager).get("/api/v1/audit-log/", {"search": "export"})
    assert [e["action"] for e in response.json()["results"]] == ["network.export"]


def test_ticket_messages_take_search(api_as, manager, two_tickets):
    ticket = two_tickets[0]
    MessageFactory(ticket=ticket, body="The diamonds arrived, thanks")
    MessageFactory(ticket=ticket, body="Still waiting")
    response = api_as(manager).get(
        f"/api/v1/tickets/{ticket.reference}/messages/", {"search": "diamonds"}
    )
    assert [m["body"] for m in response.json()["results"]] == [
        "The diamonds arrived, thanks"
    ]


def test_paging_parameters_are_shared(api_as, manager, network_a):
    for n in range(5):
        TicketFactory(network=network_a, subject=f"Question {n}")
    response = api_as(manager).get("/api/v1/tickets/", {"page_size": 2, "page": 2})
    body = response.json()
    assert len(body["results"]) == 2
    assert body["previous"] and body["next"]


def test_the_schema_gives_every_list_search_page_and_page_size(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    lists = {}
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get:
            continue
        ok = get["responses"].get("200", {})
        ref = str(ok.get("content", {}).get("application/json", {}).get("schema"))
        if "Paginated" in ref:
            lists[path] = {p["name"] for p in get.get("parameters", [])}
    assert "/api/v1/tickets/" in lists
    missing = {
        path: sorted({"search", "page", "page_size"} - names)
        for path, names in lists.items()
        if not {"search", "page", "page_size"} <= names
    }
    assert missing == {}
