"""Issue 17 in a real browser: a network member re-loads a content CSV, sees each
changed figure old → new before anything is written, confirms, and sees it loaded;
a file with a bad line is refused whole with the line named and nothing changed."""

import pytest
from playwright.sync_api import Page, expect

from marketing.models import ContentMetric
from tests.e2e.test_campaign_csv import sign_in
from tests.marketing.test_content import GOOD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def upload(page: Page, base: str, content: str) -> None:
    page.goto(f"{base}/content/upload/")
    page.get_by_label("Content CSV").set_input_files(
        files=[{"name": "week.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Check the file").click()


def test_a_member_reloads_content_figures_seeing_old_to_new_first(
    page: Page, live_server, network_a, member_a
):
    sign_in(page, live_server, member_a)
    upload(page, live_server.url, GOOD)
    expect(page.locator("[data-count=new]")).to_have_text("12")
    page.get_by_role("button", name="Load these figures").click()
    expect(page.get_by_text("Loaded: 12 new, 0 changed, 0 unchanged")).to_be_visible()

    upload(page, live_server.url, GOOD.replace(",1000,80,", ",1500,80,"))
    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    expect(page.locator("[data-count=changed]")).to_have_text("1")
    expect(page.locator("[data-count=unchanged]")).to_have_text("11")
    changed = page.locator("tr.preview-changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text("https://video.example/a")
    expect(changed.locator("del")).to_have_text("1,000")
    expect(changed.locator("ins")).to_have_text("1,500")
    views = ContentMetric.objects.get(metric="views", date="2026-03-01")
    assert views.value == 1000  # shown, not written
    page.get_by_role("button", name="Load these figures").click()
    expect(page.get_by_text("Loaded: 0 new, 1 changed, 11 unchanged")).to_be_visible()
    views.refresh_from_db()
    assert views.value == 1500

    bad = GOOD.replace(",500,20,", ",-5,20,")
    upload(page, live_server.url, bad)
    alert = page.get_by_test_id("row-errors")
    expect(alert).to_contain_text("Nothing was loaded")
    expect(alert).to_contain_text("Line 3")
    expect(page.locator("tr.preview-changed")).to_have_count(0)
    views.refresh_from_db()
    assert views.value == 1500
