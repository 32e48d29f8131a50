"""Issue 17: the portal asks before a campaign move that goes live early, with
setup tasks open, or closes it; the API moved it at once. The API now refuses such
a move with 409 and the portal's own warnings until it is sent with "confirm": true.
"""

from datetime import timedelta

import pytest
import yaml
from django.utils import timezone

from campaigns.models import Campaign
from core.exceptions import ConfirmationRequiredError
from tests.campaigns.factories import CampaignFactory, EnrolmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def early(network_a, manager):
    """Setup, starting in three weeks, one task open."""
    campaign = CampaignFactory(
        name="Winter Sprint",
        status=Campaign.Status.SETUP,
        start_date=timezone.localdate() + timedelta(days=21),
        end_date=timezone.localdate() + timedelta(days=40),
        owner=manager,
    )
    EnrolmentFactory(campaign=campaign, network=network_a)
    TaskFactory(campaign=campaign, title="Brief networks")
    return campaign


def _move(client, campaign, **body):
    return client.post(
        f"/api/v1/campaigns/{campaign.pk}/transition/", body, format="json"
    )


def test_going_live_early_with_tasks_open_is_refused_with_the_warnings(
    api_as, manager, early
):
    response = _move(api_as(manager), early, status="live")

    assert response.status_code == 409
    body = response.json()
    assert body["confirm"] == ConfirmationRequiredError.HINT
    assert body["confirm"] == "send confirm=true to proceed"
    assert "needs a confirmation" in body["message"] and body["errors"] == {}
    assert len(body["warnings"]) == 2
    assert "in 21 days: it goes live before its start date" in body["warnings"][0]
    assert body["warnings"][1].startswith("1 setup task is still open: Brief networks")
    early.refresh_from_db()
    assert early.status == "setup"


def test_the_same_move_with_confirm_goes_live(api_as, manager, early):
    response = _move(api_as(manager), early, status="live", confirm=True)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "live"
    early.refresh_from_db()
    assert early.status == "live"


def test_confirm_false_is_no_confirmation(api_as, manager, early):
    assert (
        _move(api_as(manager), early, status="live", confirm=False).status_code == 409
    )


def test_closing_is_final_and_asks_first(api_as, manager):
    campaign = CampaignFactory(status=Campaign.Status.REVIEW)
    api = api_as(manager)

    refused = _move(api, campaign, status="closed")
    assert refused.status_code == 409
    assert any("Closing is final" in w for w in refused.json()["warnings"])
    campaign.refresh_from_db()
    assert campaign.status == "review"

    assert _move(api, campaign, status="closed", confirm=True).status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == "closed"


def test_a_move_without_warnings_needs_no_confirmation(api_as, manager):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    response = _move(api_as(manager), campaign, status="setup")
    assert response.status_code == 200 and response.json()["status"] == "setup"


@pytest.mark.parametrize("to", ["closed", "bogus"])
def test_an_impossible_move_is_still_a_400_not_a_question(api_as, manager, early, to):
    for confirm in (False, True):
        response = _move(api_as(manager), early, status=to, confirm=confirm)
        assert response.status_code == 400
        assert "cannot move" in response.json()["message"]


@pytest.mark.parametrize("who", ["member_a", "intern"])
def test_members_and_interns_are_refused_even_with_confirm(request, api_as, who, early):
    response = _move(api_as(request.getfixturevalue(who)), early, status="live",
                     confirm=True)  # fmt: skip
    assert response.status_code == 403
    assert "warnings" not in response.json()  # the refusal tells them nothing more
    early.refresh_from_db()
    assert early.status == "setup"


def test_the_portal_page_shows_the_warnings_the_api_answers(
    client_as, api_as, manager, early
):
    warnings = _move(api_as(manager), early, status="live").json()["warnings"]
    page = (
        client_as(manager)
        .post(f"/campaigns/{early.pk}/transition/", {"to": "live"})
        .content.decode()
    )
    for warning in warnings:
        assert warning in page


def test_the_schema_documents_the_409_and_the_confirm_flag(api_as, manager):
    schema = yaml.safe_load(api_as(manager).get("/api/schema/").content)
    for path in (
        "/api/v1/campaigns/{id}/transition/",
        "/api/v1/feedback/{id}/status/",
    ):
        post = schema["paths"][path]["post"]
        assert "409" in post["responses"], path
        body = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        name = body.rsplit("/", 1)[1]
        assert "confirm" in schema["components"]["schemas"][name]["properties"]
    assert (
        "warnings"
        in schema["components"]["schemas"]["ConfirmationRequired"]["properties"]
    )
