"""Issue 17, the shell on a phone (390 px): a Menu button instead of four rows of
navigation, and no page wider than the screen (the staff queue is the queue's own
work, tested there)."""

import pytest
from playwright.sync_api import Page, expect

from tests.campaigns.factories import GoalFactory, MetricFactory, enrolled_campaign
from tests.e2e.test_ticket_journey import sign_in
from tests.faq.factories import ArticleFactory
from tests.tickets.factories import TicketFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH = 390

NETWORK_PAGES = [
    "/",
    "/tickets/",
    "/tickets/new/",
    "/faq/",
    "/campaigns/",
    "/onboarding/",
    "/accounts/profile/",
]
INTERN_PAGES = ["/", "/faq/", "/hub/recurring/", "/hub/networks/", "/accounts/profile/"]
MANAGER_PAGES = [
    "/",
    "/faq/",
    "/campaigns/",
    "/onboarding/",
    "/hub/weekly/",
    "/hub/feedback/",
    "/hub/networks/",
    "/hub/audit/",
    "/accounts/profile/",
]


@pytest.fixture
def content(network_a, network_b, member_a, manager):
    ticket = TicketFactory(
        network=network_a,
        requester=member_a,
        subject="Diamonds missing from the twelfth of May battle with a very "
        "long_subject_without_spaces_that_could_push_the_page_wider_than_a_phone",
    )
    campaign = enrolled_campaign(network_a, network_b, name="Spring Cup", owner=manager)
    GoalFactory(campaign=campaign, metric="live_hours", target=100)
    MetricFactory(campaign=campaign, network=network_a, value=60)
    article = ArticleFactory(title="Payout schedule and cut-off dates")
    return {"ticket": ticket, "campaign": campaign, "article": article}


def assert_fits(page: Page, path: str) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= WIDTH, f"{path} is {width} px wide on a {WIDTH} px screen"


def visit_all(page: Page, base: str, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response.status < 400, path
        assert_fits(page, path)


def test_the_menu_button_opens_and_closes_the_navigation(
    page: Page, live_server, member_a, content
):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    sign_in(page, live_server.url, member_a)
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] < 80  # one row, not four

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Knowledge base")).to_be_visible()
    assert_fits(page, "/ (menu open)")
    nav.get_by_role("link", name="Knowledge base").click()
    expect(page).to_have_url(f"{live_server.url}/faq/")
    expect(nav).to_be_hidden()

    page.get_by_role("button", name="Menu").click()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()


def test_the_wide_screen_keeps_the_navigation_without_a_menu_button(
    page: Page, live_server, member_a
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, member_a)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_no_network_page_is_wider_than_a_phone(
    page: Page, live_server, member_a, content
):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    sign_in(page, live_server.url, member_a)
    visit_all(
        page,
        live_server.url,
        NETWORK_PAGES
        + [
            content["ticket"].get_absolute_url(),
            content["campaign"].get_absolute_url(),
            content["article"].get_absolute_url(),
        ],
    )


def test_no_intern_page_is_wider_than_a_phone(page: Page, live_server, intern, content):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    sign_in(page, live_server.url, intern)
    visit_all(page, live_server.url, INTERN_PAGES)


def test_no_manager_page_is_wider_than_a_phone(
    page: Page, live_server, manager, content
):
    page.set_viewport_size({"width": WIDTH, "height": 844})
    sign_in(page, live_server.url, manager)
    visit_all(
        page, live_server.url, MANAGER_PAGES + [content["campaign"].get_absolute_url()]
    )
