"""Issue 17: a CSV re-load showed which rows change but not from what to what.
The preview shows each changed value old → new, before confirming."""

import pytest
from django.urls import reverse

from campaigns.models import CampaignMetric
from tests.campaigns.test_views import CSV, _upload

pytestmark = pytest.mark.django_db


def test_a_reload_previews_each_changed_value_old_to_new(client_as, manager, campaign):
    browser = client_as(manager)
    browser.post(_upload(browser, campaign, CSV).url)  # first load: 12 h, 900
    corrected = CSV.replace("live_hours,12", "live_hours,14.5")

    response = _upload(browser, campaign, corrected)
    page = browser.get(response.url).content.decode()

    assert '<del aria-label="was">12</del> → <ins>14.5</ins>' in page
    assert 'data-count="unchanged">1<' in page  # the 900 diamonds stay as they are
    assert page.index("preview-changed") < page.index("<del")
    # nothing is written until confirmed
    assert CampaignMetric.objects.get(metric="live_hours").value == 12
    browser.post(response.url)
    assert CampaignMetric.objects.get(metric="live_hours").value == 14.5


def test_a_first_load_shows_plain_new_values(client_as, manager, campaign):
    browser = client_as(manager)
    page = browser.get(_upload(browser, campaign, CSV).url).content.decode()
    assert "<del" not in page and "preview-new" in page
    assert reverse("campaigns:upload", args=[campaign.pk]) in page


def test_a_confirmation_after_someone_else_loaded_is_refused(
    client_as, manager, campaign
):
    browser = client_as(manager)
    corrected = CSV.replace("live_hours,12", "live_hours,14.5")
    mine = _upload(browser, campaign, corrected).url
    page = browser.get(mine).content.decode()
    previewed = page.split('name="previewed" value="')[1].split('"')[0]
    browser.post(_upload(browser, campaign, CSV.replace(",12", ",13")).url)

    # my preview said "new 14.5"; 13 is stored now, so that is not what I saw
    response = browser.post(mine, {"previewed": previewed}, follow=True)

    assert "changed since this preview" in response.content.decode()
    assert CampaignMetric.objects.get(metric="live_hours").value == 13
