"""Issue 17, the network's ticket form in a real browser: going Back from a
suggested article keeps what was typed, and on a phone the suggestions sit under
the subject, before the description and the Send button."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_ticket_journey import sign_in
from tests.faq.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(db):
    payouts = CategoryFactory(name="Payouts", slug="payouts")
    return ArticleFactory(title="Payout schedule and cut-off dates", category=payouts)


def test_going_back_from_a_suggested_article_keeps_the_subject(
    page: Page, live_server, member_a, article
):
    sign_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/tickets/new/")
    page.get_by_label("Subject").press_sequentially("payout late")
    page.get_by_label("Describe your question or problem").fill("Since Monday.")
    link = page.locator("#faq-suggestions").get_by_role(
        "link", name="Payout schedule and cut-off dates"
    )
    expect(link).to_be_visible()

    link.click()
    expect(page.get_by_role("heading", name=article.title)).to_be_visible()
    page.go_back()

    expect(page.get_by_label("Subject")).to_have_value("payout late")
    expect(page.get_by_label("Describe your question or problem")).to_have_value(
        "Since Monday."
    )


def test_on_a_phone_the_suggestions_sit_under_the_subject(
    page: Page, live_server, member_a, article
):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server.url, member_a)
    page.goto(f"{live_server.url}/tickets/new/")
    subject = page.get_by_label("Subject")
    subject.press_sequentially("payout late")
    box = page.locator("#faq-suggestions")
    expect(box.get_by_role("link", name=article.title)).to_be_visible()

    top = {
        name: locator.bounding_box()["y"]
        for name, locator in {
            "subject": subject,
            "suggestions": box,
            "description": page.get_by_label("Describe your question or problem"),
            "send": page.get_by_role("button", name="Send ticket"),
        }.items()
    }
    assert top["subject"] < top["suggestions"] < top["description"] < top["send"]
    # in view while typing: the box starts within the first screen
    assert top["suggestions"] < 844
