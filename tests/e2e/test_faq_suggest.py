"""The ticket form's deflection widget: the partial plus faq-suggest.js, in a page."""

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import Page, expect

from faq.models import Deflection
from tests.faq.factories import ArticleFactory, CategoryFactory
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_typing_a_subject_shows_suggestions_and_opening_one_is_recorded(
    page: Page, live_server, member_a
):
    payouts = CategoryFactory(name="Payouts", slug="payouts")
    ArticleFactory(title="Payout schedule and cut-off dates", category=payouts)
    partial = render_to_string(
        "faq/includes/suggestions.html", {"subject_field_id": "id_subject"}
    ).split("<script")[0]

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(member_a.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Stand-in for the tickets app's form: a subject input and the partial.
    page.goto(f"{live_server.url}/faq/")
    page.evaluate(
        """(partial) => {
            const main = document.getElementById("main");
            main.innerHTML = '<label for="id_subject">Subject</label>'
                + '<input type="text" id="id_subject" name="subject">' + partial;
        }""",
        partial,
    )
    page.add_script_tag(url=f"{live_server.url}/static/js/faq-suggest.js")
    suggestions = page.locator("#faq-suggestions")
    expect(suggestions).to_be_hidden()

    page.locator("#id_subject").press_sequentially("payout late")

    link = suggestions.get_by_role("link", name="Payout schedule and cut-off dates")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("button", name="This solved it")).to_be_visible()
    assert Deflection.objects.get().query == "payout late"
    page.get_by_role("button", name="This solved it").click()
    expect(page.locator(".messages")).to_contain_text("Glad it helped")
    assert Deflection.objects.get().outcome == "solved"
