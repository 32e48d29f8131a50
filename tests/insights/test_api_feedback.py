"""The feedback board over the API: agency managers only, the board's services."""

import pytest

from insights.models import FeedbackItem
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def test_a_manager_adds_an_item_and_moves_it(api_as, manager, network_a, network_b):
    asks = [
        TicketFactory(network=network, kind="feature_request")
        for network in (network_a, network_a, network_b)
    ]
    client = api_as(manager)
    response = client.post(
        "/api/v1/feedback/",
        {
            "title": "Schedule LIVE battles",
            "area": "LIVE",
            "tickets": [t.reference.lower() for t in asks],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["area"], item["ticket_count"], item["network_count"]) == (
        "live",
        3,
        2,
    )
    response = client.post(
        f"/api/v1/feedback/{item['id']}/status/",
        {"status": "planned", "note": "Q3", "confirm": True},  # it e-mails networks
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "planned"
    listed = client.get("/api/v1/feedback/", {"search": "battles", "status": "planned"})
    assert [i["id"] for i in listed.json()["results"]] == [item["id"]]
    assert client.get("/api/v1/feedback/", {"search": "nothing"}).json()["count"] == 0


def test_bad_items_are_refused_with_field_errors(api_as, manager):
    client = api_as(manager)
    response = client.post(
        "/api/v1/feedback/", {"title": "X", "tickets": ["HUB-999999"]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"tickets": ["No such ticket: HUB-999999."]}
    item = FeedbackItem.objects.create(title="Y")
    response = client.post(
        f"/api/v1/feedback/{item.pk}/status/", {"status": "maybe"}, format="json"
    )
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert not FeedbackItem.objects.exclude(pk=item.pk).exists()


@pytest.mark.parametrize("who", ["intern", "owner_a"])
def test_only_managers_use_the_board(request, api_as, who):
    client = api_as(request.getfixturevalue(who))
    assert client.get("/api/v1/feedback/").status_code == 403
    assert client.post("/api/v1/feedback/", {"title": "X"}).status_code == 403
    assert not FeedbackItem.objects.exists()


@pytest.mark.parametrize("size", [1, 5])
def test_feedback_list_queries_stay_constant(
    api_as, manager, network_a, django_assert_num_queries, size
):
    for n in range(size):
        FeedbackItem.objects.create(title=f"Item {n}").tickets.add(
            TicketFactory(network=network_a)
        )
    client = api_as(manager)
    with django_assert_num_queries(3):  # groups (manager?), items, counts
        response = client.get("/api/v1/feedback/")
    assert response.json()["count"] == size
