"""Issue 17: a setup campaign went live in one click three weeks before its start,
with tasks open, without a word. A move now asks first and says what will happen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from tests.campaigns.factories import CampaignFactory, EnrolmentFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup_campaign(network_a, network_b, manager):
    campaign = CampaignFactory(
        name="Winter Sprint",
        status=Campaign.Status.SETUP,
        start_date=timezone.localdate() + timedelta(days=21),
        end_date=timezone.localdate() + timedelta(days=40),
        owner=manager,
    )
    EnrolmentFactory(campaign=campaign, network=network_a, status="accepted")
    EnrolmentFactory(campaign=campaign, network=network_b, status="invited")
    TaskFactory(campaign=campaign, title="Brief networks")
    TaskFactory(campaign=campaign, title="Upload the rules")
    TaskFactory(campaign=campaign, title="Done already", done_at=timezone.now())
    return campaign


def test_the_detail_page_button_asks_first_and_changes_nothing(
    client_as, manager, setup_campaign
):
    browser = client_as(manager)
    url = reverse("campaigns:transition", args=[setup_campaign.pk])

    page = browser.post(url, {"to": "live"})  # the detail page's button

    assert page.status_code == 200
    text = page.content.decode()
    setup_campaign.refresh_from_db()
    assert setup_campaign.status == "setup"
    assert "in 21 days: it goes live before its start date" in text
    assert "2 setup tasks are still open" in text
    assert "Brief networks" in text and "Upload the rules" in text
    assert "Done already" not in text
    assert "2 networks will see the new status: Alpha Agency, Bravo Talent" in text
    assert 'name="confirmed" value="1"' in text


def test_confirming_moves_the_campaign(client_as, manager, setup_campaign):
    browser = client_as(manager)
    url = reverse("campaigns:transition", args=[setup_campaign.pk])
    response = browser.post(url, {"to": "live", "confirmed": "1"}, follow=True)
    setup_campaign.refresh_from_db()
    assert setup_campaign.status == "live"
    assert "The campaign is now Live." in response.content.decode()


def test_a_quiet_move_says_nobody_outside_is_told(client_as, manager):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    page = client_as(manager).get(
        reverse("campaigns:transition", args=[campaign.pk]), {"to": "setup"}
    )
    text = page.content.decode()
    assert "No network is enrolled yet" in text
    assert "before its start date" not in text and "still open" not in text


def test_the_webhook_endpoints_to_be_called_are_counted(
    client_as, manager, setup_campaign
):
    from webhooks.models import WebhookEndpoint

    WebhookEndpoint.objects.create(
        url="https://hooks.example/a", events=["campaign.status_changed"], owner=manager
    )
    WebhookEndpoint.objects.create(
        url="https://hooks.example/b", events=["ticket.created"], owner=manager
    )
    text = (
        client_as(manager)
        .get(reverse("campaigns:transition", args=[setup_campaign.pk]), {"to": "live"})
        .content.decode()
    )
    assert "1 webhook endpoint will be told" in text


@pytest.mark.parametrize("who", ["member_a", "intern"])
def test_the_confirmation_step_is_the_managers(client_as, request, who, setup_campaign):
    browser = client_as(request.getfixturevalue(who))
    url = reverse("campaigns:transition", args=[setup_campaign.pk])
    assert browser.get(url, {"to": "live"}).status_code == 404
    assert browser.post(url, {"to": "live", "confirmed": "1"}).status_code == 404
    setup_campaign.refresh_from_db()
    assert setup_campaign.status == "setup"
