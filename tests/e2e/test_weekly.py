"""A manager reads this week's update with its charts, then turns a recurring
question into a draft FAQ article in two clicks and lands in the admin."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from insights import services
from tests.faq.factories import CategoryFactory
from tests.hub.factories import PASSWORD
from tests.tickets.factories import TicketFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_weekly_update_and_drafts_an_article(
    page: Page, live_server, manager, network_a, network_b, settings
):
    settings.HUB_INSIGHTS_CACHE_SECONDS = 0  # figures of earlier tests are not ours
    CategoryFactory(slug="live", name="LIVE")
    now = timezone.now()
    for network, subject, hours, late in [
        (network_a, "How do we appeal a LIVE ban?", 1, False),
        (network_b, "Appeal for a LIVE ban on our creator", 3, True),
        (network_a, "LIVE ban appeal, creator suspended", 2, False),
    ]:
        TicketFactory(
            network=network,
            subject=subject,
            description="LIVE ban.",
            priority="urgent",
            first_response_at=now,
            first_response_due_at=now,
            first_response_business_seconds=hours * 3600,
            first_response_breached_at=now if late else None,
        )
    services.recurring_groups_compute()

    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(manager.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in|log in", re.I)).click()

    page.get_by_role("link", name="Weekly update").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weekly update")
    # the sections' charts; the workflow section's are tested on their own
    charts = page.locator("section:not(#workflow) svg.chart[role=img]")
    expect(charts).to_have_count(3)
    expect(charts.first).to_have_attribute("aria-label", re.compile("Opened"))
    service = page.locator("#service")
    expect(service).to_contain_text("Median first response")
    expect(service).to_contain_text("2.0 business hours (3 tickets)")
    expect(service).to_contain_text("66.7% (2 of 3)")
    expect(service.locator("svg.chart[role=img]")).to_have_attribute(
        "aria-label", re.compile("First response: Urgent: 66.7%")
    )
    expect(page.locator("#recurring")).to_contain_text("LIVE ban")

    # click 1: the recurring questions; click 2: draft the article
    page.get_by_role("link", name="Recurring questions").first.click()
    page.get_by_role("button", name="Draft article").first.click()

    expect(page).to_have_url(re.compile(r"/admin/faq/article/\d+/change/$"))
    expect(page.locator("#id_title")).to_have_value(re.compile("LIVE ban"))
    expect(page.locator("#id_status")).to_have_value("draft")
