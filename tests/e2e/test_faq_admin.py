"""An intern writes, previews and publishes an article in the admin; a network member
then finds it with a misspelt query, ranked first."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.faq.factories import ArticleFactory, CategoryFactory
from tests.hub.factories import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_an_intern_publishes_and_a_network_finds_it_with_a_typo(
    page: Page, live_server, intern, member_a
):
    payouts = CategoryFactory(name="Payouts and diamonds", slug="payouts")
    ArticleFactory(
        title="Who can go LIVE",
        body="Creators must be 18. Diamonds and payouts come later.",
        category=payouts,
    )
    ArticleFactory(
        title="Campaign rewards",
        body="Rewards are paid as bonus diamonds with the next payout.",
        category=payouts,
    )

    # The intern signs in to the admin and writes an article.
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill(intern.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("log in", re.I)).click()
    page.goto(f"{live_server.url}/admin/faq/article/add/")
    page.locator("#id_title").fill("How diamond payouts work")
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value("how-diamond-payouts-work")
    page.locator("#id_category").select_option(label="Payouts and diamonds")
    page.locator("#id_summary").fill("Gifts become diamonds; diamonds become money.")
    page.locator("#id_body").fill(
        "## When the money arrives\n\nBetween the **10th and 15th**.\n\n"
        "<script>window.pwned = 1</script><img src=x onerror=alert(1)>"
    )

    # It previews: the server renders and sanitises, the page shows it.
    page.get_by_role("button", name="Refresh preview").click()
    # the published article's template and stylesheets, in a frame (issue 17)
    preview = page.frame_locator("#faq-preview iframe")
    expect(
        preview.get_by_role("heading", name="When the money arrives")
    ).to_be_visible()
    expect(preview.locator("strong")).to_have_text("10th and 15th")
    expect(preview.locator("article.card.faq-article h1")).to_have_text(
        "How diamond payouts work"
    )
    expect(preview.locator(".faq-summary")).to_have_text(
        "Gifts become diamonds; diamonds become money."
    )
    assert preview.locator("script, [onerror]").count() == 0
    assert page.evaluate("window.pwned") is None
    # it looks like the published page: the same stylesheet draws the card
    frame = page.frame_locator("#faq-preview iframe").locator("article.faq-article")
    preview_style = frame.evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderRadius,"
        " getComputedStyle(el.querySelector('h1')).fontSize]"
    )

    # It publishes.
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("#result_list")).to_contain_text("Published")

    # A network member finds it with a misspelt query, ranked first.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(member_a.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/faq/")
    page.get_by_label("Search articles and guides").fill("diamnods payot")
    page.locator("#main").get_by_role("button", name="Search").click()
    first = page.locator(".faq-result-title").first
    expect(first).to_have_text("How diamond payouts work")
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How diamond payouts work"
    )
    expect(page.locator(".faq-body strong")).to_have_text("10th and 15th")
    assert page.locator(".faq-body script, .faq-body [onerror]").count() == 0
    published_style = page.locator("article.faq-article").evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderRadius,"
        " getComputedStyle(el.querySelector('h1')).fontSize]"
    )
    assert preview_style == published_style
