"""A manager runs a feature test from recruiting to closed with two networks; a
network checks in from its own browser and its issue reaches the feedback board."""

import re

import pytest
from playwright.sync_api import Page, expect

from faq.services import article_publish
from insights.models import FeedbackItem
from programmes.models import FeatureTest
from tests.e2e.test_campaign_csv import sign_in
from tests.faq.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_moves_a_feature_test_through_its_states_with_two_networks(
    page: Page, live_server, manager, member_a, network_a, network_b
):
    guide = ArticleFactory(kind="guide", status="draft", title="Multi-guest guide")
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/programmes/")
    page.get_by_role("link", name="New feature test").click()
    page.get_by_label("Feature name").fill("Multi-guest rooms")
    page.get_by_label("Guide").select_option(label="Multi-guest guide")
    page.get_by_label("Start date").fill("2026-01-05")
    page.get_by_label("End date").fill("2027-12-31")
    page.get_by_label("Capacity (networks)").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Feature test created; it is recruiting.")).to_be_visible()
    status = page.locator("[data-status]")
    expect(status).to_have_text("Recruiting")

    # invite both networks and accept them
    page.get_by_role("link", name="Invite networks").click()
    page.get_by_label("Alpha Agency").check()
    page.get_by_label("Bravo Talent").check()
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("2 networks invited.")).to_be_visible()
    page.get_by_role("button", name="Accept Alpha Agency").click()
    page.get_by_role("button", name="Accept Bravo Talent").click()
    networks = page.locator("#networks")
    expect(networks.locator("[data-network=alpha-agency]")).to_contain_text("Accepted")
    expect(networks.locator("[data-network=bravo-talent]")).to_contain_text("Accepted")
    expect(page.locator("[data-figure=participation]")).to_contain_text("2 / 2")

    page.get_by_role("button", name="Move to Running").click()
    expect(status).to_have_text("Running")

    # a participating network checks in from its own browser, reporting an issue
    other = page.context.browser.new_context()
    member_page = other.new_page()
    sign_in(member_page, live_server, member_a)
    test = FeatureTest.objects.get()
    member_page.goto(f"{live_server.url}{test.get_absolute_url()}")
    member_page.get_by_role("link", name="Check in now").click()
    member_page.get_by_label("3").check()
    member_page.get_by_label("No").check()
    member_page.get_by_label("Issues found").fill("Guest audio drops after 20 min")
    member_page.get_by_role("button", name="Send check-in").click()
    expect(member_page.get_by_text("your check-in is recorded")).to_be_visible()
    other.close()

    page.reload()
    expect(page.locator("#report")).to_contain_text("Guest audio drops after 20 min")
    expect(
        page.get_by_role("img", name=re.compile("Average rating by week"))
    ).to_be_visible()
    item = FeedbackItem.objects.get()
    page.goto(f"{live_server.url}/hub/feedback/")
    expect(page.get_by_text(item.title)).to_be_visible()
    page.goto(f"{live_server.url}{test.get_absolute_url()}")

    # closing is refused until the documentation is done
    page.get_by_role("button", name="Move to Closed").click()
    expect(page.get_by_text("Closing is final")).to_be_visible()
    page.get_by_role("button", name="Yes, close the test").click()
    expect(page.get_by_text("Finish the documentation first")).to_be_visible()
    expect(status).to_have_text("Running")
    page.get_by_role("button", name="Mark “Guide drafted” done").click()
    page.get_by_role("button", name="Mark “Guide reviewed” done").click()
    article_publish(article=guide, editor=manager)  # an intern publishes it in the KB
    page.reload()
    expect(page.locator("[data-step=published]")).to_have_class("done")

    page.get_by_role("button", name="Move to Closed").click()
    page.get_by_role("button", name="Yes, close the test").click()
    expect(status).to_have_text("Closed")
    expect(page.get_by_role("button", name=re.compile("^Move to"))).to_have_count(0)
    test.refresh_from_db()
    assert test.status == "closed"
