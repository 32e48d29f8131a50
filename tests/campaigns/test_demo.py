import pytest
from django.core.management import call_command

from campaigns.models import Campaign, CampaignMetric, Enrolment, Material

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_past_live_and_upcoming_campaigns_once():
    call_command("seed_demo")
    statuses = dict(Campaign.objects.values_list("slug", "status"))
    assert statuses == {
        "spring-live-festival": "closed",
        "creator-cup-tournament": "live",
        "winter-recruitment-drive": "setup",
    }
    closed = Campaign.objects.get(slug="spring-live-festival")
    assert "Goals:" in closed.review_summary and closed.review_worked
    assert Enrolment.objects.filter(network__name="Northstar Media").count() == 3
    figures = CampaignMetric.objects.count()
    assert figures > 500
    assert Material.objects.filter(guide__kind="guide").count() == 3

    call_command("seed_demo")

    assert Campaign.objects.count() == 3
    assert CampaignMetric.objects.count() == figures
    assert Material.objects.count() == 6
