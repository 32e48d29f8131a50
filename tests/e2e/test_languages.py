"""Languages in a real browser (SPEC §9): an Arabic reader's portal is mirrored,
a browser that asks for Indonesian gets Indonesian, and the switcher works by
keyboard alone."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, user) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(f"{base}/")


def test_an_arabic_reader_gets_a_right_to_left_portal_with_the_nav_on_the_right(
    page: Page, live_server, member_a
):
    member_a.language = "ar"
    member_a.save()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, member_a)
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    width = page.viewport_size["width"]
    first_link = page.get_by_role("navigation").first.locator("a").first
    brand = page.locator(".brand").bounding_box()
    box = first_link.bounding_box()
    # the nav starts at the right edge and the brand sits top right
    assert box["x"] + box["width"] > width * 0.9
    assert brand["x"] > width / 2
    account = page.locator(".account").bounding_box()
    assert account["x"] < width / 2  # the account links moved to the left


def test_a_browser_asking_for_indonesian_gets_indonesian(
    browser: Browser, live_server, member_a
):
    context = browser.new_context(locale="id-ID")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/faq/")
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")
        sign_in(page, live_server.url, member_a)
        expect(page.locator("html")).to_have_attribute("lang", "id")
    finally:
        context.close()


def test_the_switcher_works_by_keyboard_and_keeps_the_choice(
    page: Page, live_server, member_a
):
    sign_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/tickets/")
    switcher = page.locator("#language-switcher")
    switcher.focus()
    switcher.select_option("zh-hans")  # what arrow keys on a focused select do
    page.keyboard.press("Tab")  # to the switcher's button
    expect(page.locator(".language-switcher button")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/tickets/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    member_a.refresh_from_db()
    assert member_a.language == "zh-hans"
