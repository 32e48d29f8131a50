"""Enrolments over the API: managers invite by slug, networks answer; the campaign
detail carries the campaign page's totals and goals against actuals."""

from decimal import Decimal

import pytest

from campaigns.models import Enrolment
from campaigns.selectors import campaign_performance
from tests.campaigns.factories import (
    CampaignFactory,
    EnrolmentFactory,
    GoalFactory,
    MetricFactory,
    enrolled_campaign,
)
from tests.hub.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def url(campaign, suffix=""):
    return f"/api/v1/campaigns/{campaign.pk}/{suffix}"


def test_a_manager_invites_networks_by_slug(api_as, manager, network_a, network_b):
    campaign = CampaignFactory()
    response = api_as(manager).post(
        url(campaign, "enrolments/"),
        {"networks": [network_a.slug, network_b.slug, network_a.slug]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert {(e["network"], e["status"]) for e in response.json()} == {
        (network_a.slug, "invited"),
        (network_b.slug, "invited"),
    }
    again = api_as(manager).post(
        url(campaign, "enrolments/"), {"networks": [network_a.slug]}, format="json"
    )
    assert again.status_code == 201
    assert campaign.enrolments.count() == 2


def test_an_unknown_slug_refuses_the_whole_invitation(api_as, manager, network_a):
    campaign = CampaignFactory()
    response = api_as(manager).post(
        url(campaign, "enrolments/"),
        {"networks": [network_a.slug, "nope"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"networks": ["No network with the slug nope."]}
    assert not campaign.enrolments.exists()


@pytest.mark.parametrize("body", [{}, {"networks": []}, {"networks": "alpha"}])
def test_a_bad_invitation_body_is_a_json_field_error(api_as, manager, body):
    response = api_as(manager).post(
        url(CampaignFactory(), "enrolments/"), body, format="json"
    )
    assert response.status_code == 400
    assert "networks" in response.json()["errors"]


def test_a_closed_campaign_takes_no_new_networks(api_as, manager, network_a):
    campaign = CampaignFactory(status="closed")
    response = api_as(manager).post(
        url(campaign, "enrolments/"), {"networks": [network_a.slug]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "A closed campaign takes no new networks."


@pytest.mark.parametrize("who", ["intern", "owner_a"])
def test_only_managers_invite(request, api_as, network_a, who):
    campaign = enrolled_campaign(network_a)
    response = api_as(request.getfixturevalue(who)).post(
        url(campaign, "enrolments/"), {"networks": [network_a.slug]}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Only agency managers may change campaigns."


def test_a_network_accepts_then_may_decline_until_figures_arrive(
    api_as, owner_a, network_a
):
    campaign = CampaignFactory()
    EnrolmentFactory(campaign=campaign, network=network_a, status="invited")
    client = api_as(owner_a)
    response = client.post(
        url(campaign, "enrolments/respond/"), {"answer": "accepted"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    MetricFactory(campaign=campaign, network=network_a)
    response = client.post(
        url(campaign, "enrolments/respond/"), {"answer": "declined"}, format="json"
    )
    assert response.status_code == 400
    assert "cannot decline now" in response.json()["message"]
    assert Enrolment.objects.get(campaign=campaign).status == "accepted"


def test_a_bad_answer_is_a_field_error(api_as, owner_a, network_a):
    campaign = enrolled_campaign(network_a)
    response = api_as(owner_a).post(
        url(campaign, "enrolments/respond/"), {"answer": "maybe"}, format="json"
    )
    assert response.status_code == 400
    assert "answer" in response.json()["errors"]


def test_another_network_cannot_answer_or_see_the_campaign(api_as, member_b, network_a):
    campaign = enrolled_campaign(network_a)
    client = api_as(member_b)
    for path in ("enrolments/respond/",):
        response = client.post(url(campaign, path), {"answer": "declined"})
        assert response.status_code == 404
    assert client.get(url(campaign, "enrolments/")).status_code == 404
    assert Enrolment.objects.get(campaign=campaign).status == "accepted"


def test_a_draft_campaign_is_not_answered_by_networks(api_as, owner_a, network_a):
    campaign = CampaignFactory(status="draft")
    EnrolmentFactory(campaign=campaign, network=network_a, status="invited")
    response = api_as(owner_a).post(
        url(campaign, "enrolments/respond/"), {"answer": "accepted"}, format="json"
    )
    assert response.status_code == 404


def test_a_person_in_two_invited_networks_names_one(api_as, owner_a, network_a):
    other = NetworkFactory()
    MembershipFactory(network=other, user=owner_a)
    campaign = CampaignFactory()
    for network in (network_a, other):
        EnrolmentFactory(campaign=campaign, network=network, status="invited")
    client = api_as(owner_a)
    response = client.post(
        url(campaign, "enrolments/respond/"), {"answer": "accepted"}, format="json"
    )
    assert response.status_code == 400
    assert "network" in response.json()["errors"]
    response = client.post(
        url(campaign, "enrolments/respond/"),
        {"answer": "accepted", "network": other.slug},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["network"] == other.slug


def test_a_network_lists_only_its_own_enrolment(api_as, owner_a, network_a, network_b):
    campaign = enrolled_campaign(network_a, network_b)
    response = api_as(owner_a).get(url(campaign, "enrolments/"))
    assert [e["network"] for e in response.json()["results"]] == [network_a.slug]


@pytest.mark.parametrize("size", [2, 6])
def test_listing_enrolments_takes_a_constant_number_of_queries(
    api_as, manager, django_assert_num_queries, size
):
    campaign = enrolled_campaign(*NetworkFactory.create_batch(size))
    client = api_as(manager)
    with django_assert_num_queries(4):  # campaign, its regions, count, page
        response = client.get(url(campaign, "enrolments/"))
    assert len(response.json()["results"]) == size


def test_detail_totals_are_the_campaign_pages(api_as, manager, owner_a, network_a):
    network_b = NetworkFactory()
    campaign = enrolled_campaign(network_a, network_b)
    GoalFactory(campaign=campaign, metric="live_hours", target=Decimal("20"))
    MetricFactory(campaign=campaign, network=network_a, value=Decimal("12.5"))
    MetricFactory(campaign=campaign, network=network_b, value=Decimal("10"))
    body = api_as(manager).get(url(campaign)).json()
    expected = campaign_performance(campaign=campaign)
    assert body["totals"] == {k: str(v) for k, v in expected.totals.items()}
    assert body["totals"] == {"live_hours": "22.50"}
    assert body["goal_results"] == [
        {
            "metric": "live_hours",
            "target": "20.00",
            "actual": "22.50",
            "percent": 112,
            "met": True,
        }
    ]
    own = api_as(owner_a).get(url(campaign)).json()
    assert own["totals"] == {"live_hours": "12.50"}  # never the other network's
    # held to its own share of the target (issue 17): 20 between two networks
    assert own["goal_results"][0]["target"] == "10.00"
    assert own["goal_results"][0]["met"] is True
