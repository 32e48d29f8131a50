"""Managers load figures from a CSV and run a campaign from draft to closed."""

import re

import pytest
from playwright.sync_api import Page, expect

from campaigns.models import CampaignMetric
from tests.campaigns.factories import GoalFactory, enrolled_campaign
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "network,date,metric,value\n"
    "alpha-agency,2026-03-02,live_hours,12\n"
    "alpha-agency,2026-03-03,live_hours,30\n"
    "bravo-talent,2026-03-02,live_hours,8.5\n"
)


def sign_in(page: Page, live_server, user) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")


def upload(page: Page, content: str) -> None:
    page.get_by_role("link", name="Load figures").click()
    page.get_by_label("CSV file").set_input_files(
        files=[
            {"name": "march.csv", "mimeType": "text/csv", "buffer": content.encode()}
        ]
    )
    page.get_by_role("button", name="Check file").click()


def test_manager_uploads_a_csv_previews_confirms_and_sees_figures(
    page: Page, live_server, manager, network_a, network_b
):
    campaign = enrolled_campaign(network_a, network_b, name="Spring Cup", owner=manager)
    GoalFactory(campaign=campaign, metric="live_hours", target=100)
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="Spring Cup").click()

    upload(page, CSV)
    expect(page.get_by_role("heading", name="Preview before loading")).to_be_visible()
    expect(page.locator("[data-count=new]")).to_have_text("3")
    expect(page.locator("[data-count=unchanged]")).to_have_text("0")
    expect(page.get_by_role("cell", name="Alpha Agency").first).to_be_visible()
    assert CampaignMetric.objects.count() == 0
    page.get_by_role("button", name="Confirm and load").click()

    expect(page.get_by_text("Figures loaded: 3 new")).to_be_visible()
    table = page.locator("table.figures-table")
    expect(table.get_by_role("row", name=re.compile("Alpha Agency"))).to_contain_text(
        "42"
    )
    expect(table.get_by_role("row", name=re.compile("All networks"))).to_contain_text(
        "50.5"
    )
    expect(page.locator("table.goals-table")).to_contain_text("50%")
    expect(page.get_by_role("img", name="Live hours per day")).to_be_visible()
    expect(page.get_by_role("img", name="Goals against actuals")).to_be_visible()

    # the same file again: preview says unchanged and nothing doubles
    upload(page, CSV)
    expect(page.locator("[data-count=unchanged]")).to_have_text("3")
    page.get_by_role("button", name="Confirm and load").click()
    expect(page.get_by_text("0 new, 0 changed, 3 unchanged")).to_be_visible()
    assert CampaignMetric.objects.count() == 3

    # a bad file is refused whole, each bad line named
    upload(page, CSV + "ghost,2026-03-02,gifts,1\nalpha-agency,2026-04-30,gifts,1\n")
    alert = page.get_by_role("alert").filter(has_text="bad rows")
    expect(alert).to_contain_text("Line 5: unknown network 'ghost'")
    expect(alert).to_contain_text("Line 6: date 2026-04-30 is outside the campaign")
    assert CampaignMetric.objects.count() == 3


def test_manager_takes_a_campaign_from_draft_to_closed(
    page: Page, live_server, manager, network_a
):
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Name").fill("Browser Battles")
    page.get_by_label("Kind").select_option("tournament")
    page.get_by_label("Start date").fill("2026-03-01")
    page.get_by_label("End date").fill("2026-03-31")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Campaign created as a draft.")).to_be_visible()
    status = page.locator("[data-status]")
    expect(status).to_have_text("Draft")

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Metric").select_option("live_hours")
    page.get_by_label("Target").fill("40")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a task").click()
    page.get_by_label("Task").fill("Brief networks")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Mark “Brief networks” done").click()
    expect(
        page.get_by_role("button", name="Mark “Brief networks” not done")
    ).to_be_visible()
    page.get_by_role("link", name="Invite networks").click()
    page.get_by_label("Alpha Agency").check()
    page.get_by_role("button", name="Invite").click()
    expect(page.locator("#networks")).to_contain_text("Invited")

    page.get_by_role("button", name="Move to Setup").click()
    page.get_by_role("button", name="Yes, move to Setup").click()  # asks first
    expect(status).to_have_text("Setup")
    page.get_by_role("button", name="Move to Live").click()
    page.get_by_role("button", name="Yes, move to Live").click()  # asks first
    expect(status).to_have_text("Live")
    # the network accepts (recorded directly) so figures can be loaded
    campaign = network_a.enrolments.get().campaign
    network_a.enrolments.update(status="accepted")
    page.reload()
    upload(page, "network,date,metric,value\nalpha-agency,2026-03-05,live_hours,44\n")
    page.get_by_role("button", name="Confirm and load").click()
    expect(page.locator("table.goals-table")).to_contain_text("110%")

    page.get_by_role("button", name="Move to Review").click()
    page.get_by_role("button", name="Yes, move to Review").click()  # asks first
    expect(status).to_have_text("Review")
    expect(page.locator("#review")).to_contain_text("Goals: 1 of 1 met.")
    page.get_by_role("link", name="Edit review notes").click()
    page.get_by_label("What worked").fill("Daily battles")
    page.get_by_label("What to change").fill("Invite earlier")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#review")).to_contain_text("Daily battles")

    page.get_by_role("button", name="Move to Closed").click()
    page.get_by_role("button", name="Yes, move to Closed").click()  # asks first
    expect(status).to_have_text("Closed")
    expect(page.get_by_role("button", name=re.compile("^Move to"))).to_have_count(0)
    campaign.refresh_from_db()
    assert campaign.status == "closed"
    assert campaign.review_change == "Invite earlier"
