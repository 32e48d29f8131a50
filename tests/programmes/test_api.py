import pytest

from programmes.models import Application, CheckIn, FeatureTest
from tests.programmes.factories import feature_test, running_test

pytestmark = pytest.mark.django_db

API = "/api/v1/programmes/"


def test_a_manager_creates_a_test_and_an_intern_is_refused_in_json(
    api_as, manager, intern
):
    body = {
        "name": "Gift goals",
        "start_date": "2026-06-01",
        "end_date": "2026-06-30",
        "capacity": 3,
        "tiers": ["premier"],
    }
    refused = api_as(intern).post(API, body, format="json")
    assert refused.status_code == 403 and "message" in refused.json()
    created = api_as(manager).post(API, body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert (data["name"], data["status"], data["tiers"]) == (
        "Gift goals",
        "recruiting",
        ["premier"],
    )
    bad = api_as(manager).post(
        API, {**body, "end_date": "2026-05-01", "capacity": 0}, format="json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"capacity"}
    assert FeatureTest.objects.count() == 1


def test_networks_apply_managers_invite_and_accept_up_to_capacity(
    api_as, manager, member_a, member_b, network_a, network_b
):
    test = feature_test(owner=manager, capacity=1)
    url = f"{API}{test.pk}/applications/"
    applied = api_as(member_a).post(url, {}, format="json")
    assert applied.status_code == 201
    assert applied.json()[0]["network"] == "alpha-agency"
    invited = api_as(manager).post(url, {"networks": ["bravo-talent"]}, format="json")
    assert invited.json()[0]["invited"] is True
    unknown = api_as(manager).post(url, {"networks": ["ghost"]}, format="json")
    assert unknown.status_code == 400 and "networks" in unknown.json()["errors"]

    a = Application.objects.get(network=network_a)
    b = Application.objects.get(network=network_b)
    ok = api_as(manager).patch(f"{url}{a.pk}/", {"status": "accepted"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    full = api_as(member_b).patch(
        f"{url}{b.pk}/", {"status": "accepted"}, format="json"
    )
    assert full.status_code == 400
    assert "full" in full.json()["errors"]["status"][0]
    # each network sees only its own application
    assert [x["network"] for x in api_as(member_b).get(url).json()] == ["bravo-talent"]
    assert len(api_as(manager).get(url).json()) == 2


def test_check_ins_over_the_api_with_field_errors(
    api_as, manager, member_a, member_b, network_a, network_b
):
    test = running_test(network_a, network_b, owner=manager)
    url = f"{API}{test.pk}/checkins/"
    bad = api_as(member_a).post(url, {"rating": 7, "works": True}, format="json")
    assert bad.status_code == 400 and "rating" in bad.json()["errors"]
    made = api_as(member_a).post(
        url,
        {"rating": 3, "works": False, "issues": "Audio drops", "comment": "Meh"},
        format="json",
    )
    assert made.status_code == 201
    assert made.json()["ticket"].startswith("HUB-")
    api_as(member_b).post(url, {"rating": 5, "works": True}, format="json")
    staff_view = api_as(manager).get(url).json()
    assert staff_view["count"] == 2
    own = api_as(member_b).get(url).json()
    assert [c["network"] for c in own["results"]] == ["bravo-talent"]
    assert api_as(manager).post(url, {"rating": 5, "works": True}).status_code == 403
    assert CheckIn.objects.count() == 2


def test_transitions_over_the_api(api_as, manager, network_a):
    test = running_test(network_a, owner=manager)
    url = f"{API}{test.pk}/transition/"
    refused = api_as(manager).post(url, {"status": "closed"}, format="json")
    assert refused.status_code == 400
    assert "documentation" in refused.json()["message"]
    back = api_as(manager).post(url, {"status": "recruiting"}, format="json")
    assert back.status_code == 400 and "status" in back.json()["errors"]


def test_the_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/programmes/",
        "/api/v1/programmes/{id}/applications/",
        "/api/v1/programmes/{id}/checkins/",
    ):
        assert path in schema
