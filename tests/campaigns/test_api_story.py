"""The whole campaign story through the API alone, as a client script would run
it: tokens from ``auth/token/``, then create, invite two networks, both accept,
load figures, read totals."""

import pytest
from rest_framework.test import APIClient

from tests.hub.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _client_for(email: str) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def test_a_script_runs_a_campaign_end_to_end_over_the_api(
    manager, owner_a, member_b, network_a, network_b
):
    hub = _client_for(manager.email)
    alpha, bravo = _client_for(owner_a.email), _client_for(member_b.email)

    campaign = _ok(
        hub.post(
            "/api/v1/campaigns/",
            {
                "name": "Spring LIVE Cup",
                "kind": "live_event",
                "start_date": "2026-03-01",
                "end_date": "2026-03-31",
            },
            format="json",
        ),
        201,
    )
    base = f"/api/v1/campaigns/{campaign['id']}/"
    invited = _ok(
        hub.post(
            base + "enrolments/",
            {"networks": [network_a.slug, network_b.slug]},
            format="json",
        ),
        201,
    )
    assert {e["status"] for e in invited} == {"invited"}
    _ok(hub.post(base + "transition/", {"status": "setup"}, format="json"))

    # figures for a network that has not accepted are refused, whole
    rows = [
        {"network": network_a.slug, "date": "2026-03-02", "metric": "live_hours",
         "value": 12.5},
        {"network": network_b.slug, "date": "2026-03-02", "metric": "live_hours",
         "value": 7.5},
        {"network": network_b.slug, "date": "2026-03-03", "metric": "live_hours",
         "value": 5},
    ]  # fmt: skip
    assert hub.post(base + "metrics/", rows, format="json").status_code == 400

    for client in (alpha, bravo):
        answer = _ok(
            client.post(base + "enrolments/respond/", {"answer": "accepted"},
                        format="json")
        )  # fmt: skip
        assert answer["status"] == "accepted"
    _ok(hub.post(base + "transition/", {"status": "live"}, format="json"))

    assert _ok(hub.post(base + "metrics/", rows, format="json")) == {
        "new": 3,
        "changed": 0,
        "unchanged": 0,
    }
    detail = _ok(hub.get(base))
    assert detail["totals"] == {"live_hours": "25.00"}
    assert sorted((e["network"], e["status"]) for e in detail["enrolments"]) == [
        (network_a.slug, "accepted"),
        (network_b.slug, "accepted"),
    ]
    # each network reads its own totals only
    assert _ok(alpha.get(base))["totals"] == {"live_hours": "12.50"}
    assert _ok(bravo.get(base))["totals"] == {"live_hours": "12.50"}
