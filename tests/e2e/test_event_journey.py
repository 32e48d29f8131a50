"""A manager publishes an event in the browser; two networks register past its
capacity; a cancellation promotes the waitlist; a network downloads the logo."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from marketing import services
from marketing.models import Event, Registration
from tests.e2e.test_campaign_csv import sign_in
from tests.marketing.factories import PNG

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_manager_publishes_networks_register_and_the_waitlist_moves_up(
    page: Page, browser, live_server, manager, member_a, member_b
):
    # the manager creates the event in the browser, in Sydney time
    sign_in(page, live_server, manager)
    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title").fill("LIVE gifting workshop")
    page.get_by_label("Kind").select_option("workshop")
    page.get_by_label("Time zone").select_option("Australia/Sydney")
    starts = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%d")
    page.get_by_label("Starts (local time)").fill(f"{starts}T10:00")
    page.get_by_label("Ends (local time)").fill(f"{starts}T09:00")
    page.get_by_label("Capacity").fill("1")
    page.get_by_role("button", name="Save").click()
    # refused, input kept: it ends before it starts and has no place
    expect(page.get_by_text("The event must end after it starts.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("LIVE gifting workshop")
    page.get_by_label("Ends (local time)").fill(f"{starts}T11:30")
    page.get_by_label("Online link").fill("https://meet.example/gifting")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published.")).to_be_visible()
    event = Event.objects.get(title="LIVE gifting workshop")
    assert event.status == "published"
    assert event.starts_at.astimezone(timezone.get_fixed_timezone(0)).hour in (23, 0)

    # two networks register: one seat, one waitlist place
    people = {}
    for user in (member_a, member_b):
        context = browser.new_context()
        tab = context.new_page()
        sign_in(tab, live_server, user)
        tab.goto(f"{live_server.url}/events/")
        tab.get_by_role("link", name="LIVE gifting workshop").click()
        tab.get_by_role("button", name="Register").click()
        people[user] = (context, tab)
    expect(people[member_a][1].get_by_test_id("my-status")).to_have_text(
        "You are registered."
    )
    expect(people[member_b][1].get_by_test_id("my-status")).to_have_text(
        "You are on the waitlist."
    )

    # the first cancels; the waitlist moves up
    tab = people[member_a][1]
    tab.get_by_role("button", name="Cancel my registration").click()
    expect(tab.get_by_text("Your registration is cancelled.")).to_be_visible()
    waiting = people[member_b][1]
    waiting.reload()
    expect(waiting.get_by_test_id("my-status")).to_have_text("You are registered.")
    assert Registration.objects.get(event=event, user=member_b).status == "registered"

    # the calendar file downloads from the event page
    with waiting.expect_download() as download:
        waiting.get_by_role("link", name="Add to calendar (.ics)").click()
    assert download.value.suggested_filename == f"event-{event.pk}.ics"

    # and the brand kit's current logo downloads
    asset = services.brand_asset_create(
        actor=manager,
        file=SimpleUploadedFile("logo-v1.png", PNG),
        title="Agency logo",
        kind="logo",
    )
    services.brand_version_add(
        asset=asset, actor=manager, file=SimpleUploadedFile("logo-v2.png", PNG + b"2")
    )
    waiting.goto(f"{live_server.url}/brand/")
    waiting.get_by_role("link", name="Agency logo").click()
    with waiting.expect_download() as download:
        waiting.get_by_role("link", name="Download the current version (v2)").click()
    assert download.value.suggested_filename == "logo-v2.png"
    for context, _ in people.values():
        context.close()
