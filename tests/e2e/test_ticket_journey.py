"""The ticket journey in a real browser: file → triage → reply → isolation."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.hub.factories import PASSWORD
from tests.tickets.factories import PNG_BYTES, CategoryFactory
from tickets.models import Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, user) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/")


def test_a_network_files_a_ticket_staff_answer_and_nothing_leaks(
    page: Page, live_server, member_a, member_b, intern, tmp_path
):
    base = live_server.url
    CategoryFactory(slug="payouts-diamonds", name="Payouts & diamonds")
    screenshot = tmp_path / "payout.png"
    screenshot.write_bytes(PNG_BYTES)

    # a network files a ticket on the web form with an attachment
    sign_in(page, base, member_a)
    page.get_by_role("link", name="Tickets", exact=True).click()
    page.get_by_role("link", name="New ticket").first.click()
    page.get_by_label("Subject").fill("Diamonds missing from the 12 May battle")
    page.get_by_label("Describe your question or problem").fill(
        "About 16,800 diamonds are missing from @skylar.sings's payout."
    )
    page.get_by_label("Category").select_option("payouts-diamonds")
    page.get_by_label("Kind").select_option("problem")
    page.get_by_label("Priority").select_option("high")
    page.get_by_label("Attachments").set_input_files(str(screenshot))
    page.get_by_role("button", name="Send ticket").click()
    expect(page.get_by_role("status")).to_contain_text("was received")
    ticket = Ticket.objects.get()
    expect(page).to_have_url(f"{base}/tickets/{ticket.reference}/")
    expect(page.get_by_role("link", name="payout.png")).to_be_visible()

    # staff see it in the queue, add an internal note and a public reply
    sign_in(page, base, intern)
    page.goto(f"{base}/tickets/")
    expect(page.get_by_role("heading", name="Ticket queue")).to_be_visible()
    page.get_by_role("link", name=ticket.subject).click()  # the subject is the link
    page.get_by_role("button", name="Assign to me").click()  # in place (htmx)
    expect(page.locator("#properties")).to_contain_text("Saved.")
    expect(page.get_by_role("button", name="Assign to me")).to_have_count(0)
    page.get_by_label("Internal note", exact=True).check()
    page.get_by_label("Internal note (staff only)").fill(
        "Fraud filter held 16,800 diamonds; asked Trust & Safety."
    )
    page.get_by_role("button", name="Send", exact=True).click()
    note = page.locator("article.internal")
    expect(note).to_contain_text("Fraud filter held")
    expect(note).to_contain_text("Internal note")
    page.get_by_label("Public reply", exact=True).check()
    page.get_by_label("Public reply (the network sees this)").fill(
        "Part of the diamonds is under a routine review. Could you confirm the UID?"
    )
    page.get_by_role("button", name="Send and set Pending").click()
    expect(page.locator("article.from-staff")).to_contain_text("routine review")
    expect(page.get_by_role("region", name="History")).to_contain_text("Pending")

    # the network sees the reply and never the note
    sign_in(page, base, member_a)
    page.goto(f"{base}/tickets/{ticket.reference}/")
    expect(
        page.get_by_text("Part of the diamonds is under a routine review.")
    ).to_be_visible()
    expect(page.get_by_text("Fraud filter")).to_have_count(0)
    expect(page.locator("article.internal")).to_have_count(0)
    expect(page.get_by_text("Assign to me")).to_have_count(0)
    page.get_by_label("Your reply").fill("UID is 7001234.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply was sent")
    expect(page.locator("dl.facts")).to_contain_text("Open")  # reopened

    # another network gets 404 everywhere
    attachment = ticket.attachments.get()
    sign_in(page, base, member_b)
    for path in (
        f"/tickets/{ticket.reference}/",
        attachment.get_absolute_url(),
    ):
        response = page.goto(f"{base}{path}")
        assert response.status == 404, path
    page.goto(f"{base}/tickets/")
    expect(page.get_by_text(ticket.reference)).to_have_count(0)
    expect(page.get_by_text(re.compile("Diamonds missing"))).to_have_count(0)
