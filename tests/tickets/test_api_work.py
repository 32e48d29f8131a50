"""Saved views and satisfaction ratings over the API: the portal's services, tried
from the side of those kept out."""

import pytest

from tests.tickets.factories import TicketFactory
from tickets.models import SatisfactionRating, SavedView

pytestmark = pytest.mark.django_db


def test_staff_save_list_and_delete_their_own_views(api_as, intern, manager):
    shared = SavedView.objects.create(name="Zz shared", query="unassigned=true")
    shared_names = list(
        SavedView.objects.filter(owner=None)
        .order_by("position", "name")
        .values_list("name", flat=True)
    )
    client = api_as(intern)
    response = client.post(
        "/api/v1/saved-views/",
        {"name": "  Urgent   open ", "query": "priority=urgent&status=open&page=3"},
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name"] == "Urgent open"
    assert created["query"] == "priority=urgent&status=open"  # no page kept
    assert created["tickets"] == "/api/v1/tickets/?priority=urgent&status=open"
    listed = client.get("/api/v1/saved-views/", {"page_size": 100}).json()["results"]
    assert [(v["name"], v["shared"]) for v in listed] == [
        *((name, True) for name in shared_names),
        ("Urgent open", False),
    ]
    # a colleague never sees or deletes it
    other = api_as(manager)
    theirs = other.get("/api/v1/saved-views/", {"page_size": 100}).json()["results"]
    assert [v["name"] for v in theirs] == shared_names
    assert other.delete(f"/api/v1/saved-views/{created['id']}/").status_code == 404
    assert client.delete(f"/api/v1/saved-views/{shared.pk}/").status_code == 403
    assert client.delete(f"/api/v1/saved-views/{created['id']}/").status_code == 204
    assert not SavedView.objects.filter(owner__isnull=False).exists()


def test_a_duplicate_or_empty_name_is_a_field_error(api_as, intern):
    client = api_as(intern)
    client.post("/api/v1/saved-views/", {"name": "Mine"}, format="json")
    response = client.post("/api/v1/saved-views/", {"name": "mine"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "name": ["You already have a view called mine."]
    }
    response = client.post("/api/v1/saved-views/", {"name": ""}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()["errors"]


def test_networks_have_no_saved_views(api_as, member_a):
    response = api_as(member_a).post(
        "/api/v1/saved-views/", {"name": "Mine"}, format="json"
    )
    assert response.status_code == 403
    assert not SavedView.objects.filter(owner__isnull=False).exists()


@pytest.mark.parametrize("size", [1, 5])
def test_saved_view_list_queries_stay_constant(
    api_as, intern, django_assert_num_queries, size
):
    for n in range(size):
        SavedView.objects.create(owner=intern, name=f"View {n}", query="status=open")
    client = api_as(intern)
    shared = SavedView.objects.filter(owner=None).count()
    with django_assert_num_queries(2):  # count, page
        response = client.get("/api/v1/saved-views/")
    assert response.json()["count"] == shared + size


def test_the_network_rates_a_solved_ticket(api_as, owner_a, member_a, network_a):
    ticket = TicketFactory(network=network_a, requester=owner_a, status="solved")
    url = f"/api/v1/tickets/{ticket.reference}/rating/"
    response = api_as(member_a).post(
        url, {"score": 4, "comment": "Fast"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["rated_by"] == member_a.email
    response = api_as(owner_a).post(url, {"score": 5}, format="json")
    assert response.json()["score"] == 5
    assert SatisfactionRating.objects.get(ticket=ticket).score == 5


@pytest.mark.parametrize("score", [0, 6, "five"])
def test_a_bad_score_is_a_field_error(api_as, owner_a, network_a, score):
    ticket = TicketFactory(network=network_a, requester=owner_a, status="solved")
    response = api_as(owner_a).post(
        f"/api/v1/tickets/{ticket.reference}/rating/", {"score": score}, format="json"
    )
    assert response.status_code == 400
    assert "score" in response.json()["errors"]
    assert not SatisfactionRating.objects.exists()


def test_others_cannot_rate(api_as, member_b, manager, network_a):
    ticket = TicketFactory(network=network_a, status="solved")
    url = f"/api/v1/tickets/{ticket.reference}/rating/"
    assert api_as(member_b).post(url, {"score": 1}).status_code == 404
    response = api_as(manager).post(url, {"score": 5})
    assert response.status_code == 403
    assert (
        response.json()["message"] == "Only the network that asked can rate a ticket."
    )
    assert not SatisfactionRating.objects.exists()
