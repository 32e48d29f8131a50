"""The staff ticket page in a real browser (issue 17): working by keyboard alone,
and two agents on one ticket (presence, the live conversation, a held reply)."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.test_ticket_journey import sign_in
from tests.tickets.factories import TicketFactory
from tickets.models import Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _tab_to(page: Page, locator, *, most: int = 8) -> None:
    """Press Tab until ``locator`` has the focus (fails after ``most`` presses)."""
    for _press in range(most):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_by_keyboard_reply_set_pending_and_land_on_the_next_ticket_in_the_view(
    page: Page, live_server, network_a, member_a, manager
):
    base = live_server.url
    now = timezone.now()
    first, second = (
        TicketFactory(
            network=network_a,
            requester=member_a,
            status="open",
            subject=subject,
            created_at=now - timedelta(minutes=minutes),
        )
        for subject, minutes in (("Payout missing", 1), ("Gift not counted", 2))
    )
    TicketFactory(network=network_a, status="solved", subject="Not in the view")
    view = quote("status=open", safe="")
    sign_in(page, base, manager)
    page.goto(f"{base}/tickets/{first.reference}/?from={view}")
    expect(page.get_by_role("link", name="Next ›")).to_have_attribute(
        "href", f"/tickets/{second.reference}/?from={view}"
    )

    page.keyboard.press("n")  # the internal note tab...
    body = page.locator("textarea[name=body]")
    expect(body).to_be_focused()
    expect(page.get_by_label("Internal note", exact=True)).to_be_checked()
    body.press("Escape")
    page.locator("h1").click()  # leave the text box: keys are shortcuts again
    page.keyboard.press("r")  # ...and back to the public reply
    expect(body).to_be_focused()
    expect(page.get_by_label("Public reply", exact=True)).to_be_checked()
    page.keyboard.type("Thanks, we re-ran the payout; please check tomorrow.")

    open_next = page.get_by_label("and open the next ticket in this view")
    _tab_to(page, open_next)
    page.keyboard.press("Space")
    expect(open_next).to_be_checked()
    _tab_to(page, page.get_by_role("button", name="Send and set Pending"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{base}/tickets/{second.reference}/?from={view}")
    expect(page.locator("h1")).to_contain_text("Gift not counted")
    expect(page.get_by_role("status")).to_contain_text("Your reply was sent")
    first.refresh_from_db()
    assert first.status == Ticket.Status.PENDING
    assert first.messages.get().body.startswith("Thanks, we re-ran the payout")


def test_two_agents_see_each_other_and_a_reply_landing_meanwhile_is_shown_first(
    page: Page, live_server, network_a, member_a, intern, manager, settings
):
    settings.HUB_PRESENCE_SECONDS = 3  # a heartbeat a second
    settings.HUB_CONVERSATION_POLL_SECONDS = 1
    base = live_server.url
    ticket = TicketFactory(
        network=network_a, requester=member_a, status="open", subject="Payout gap"
    )
    url = f"{base}{ticket.get_absolute_url()}"

    # agent A (the intern) and agent B (the manager), each in their own browser
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, base, intern)
    page.goto(url)
    other = page.context.browser.new_context()
    agent_b = other.new_page()
    sign_in(agent_b, base, manager)
    agent_b.goto(url)

    presence_a = page.locator(".presence-list")
    presence_b = agent_b.locator(".presence-list")
    expect(presence_a).to_contain_text(f"{manager} is viewing", timeout=8000)
    expect(presence_b).to_contain_text(f"{intern} is viewing", timeout=8000)

    # properties change in place; a stale change is a conflict shown in place
    agent_b.get_by_label("Priority").select_option("urgent")
    agent_b.get_by_role("button", name="Save properties").click()
    expect(agent_b.locator("#properties")).to_contain_text("Saved.")
    page.get_by_label("Priority").select_option("low")
    page.get_by_role("button", name="Save properties").click()
    expect(page.locator("#conflict")).to_contain_text("Someone else changed")
    expect(page.locator("#properties")).to_contain_text("Urgent")
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"

    # A starts typing: B sees A replying
    page.keyboard.press("r")
    page.keyboard.type("Our ledger shows the payout went out on Monday.")
    expect(presence_b).to_contain_text(f"{intern} is replying", timeout=8000)

    # B answers first
    agent_b.get_by_label("Public reply (the network sees this)").fill(
        "B-REPLY: the diamonds are held by the fraud filter."
    )
    agent_b.get_by_role("button", name="Send", exact=True).click()
    expect(agent_b.locator("article.from-staff")).to_contain_text("B-REPLY")

    # A's conversation shows B's reply without a reload...
    expect(page.locator("#conversation")).to_contain_text("B-REPLY", timeout=8000)
    # ...and A's send is held, showing B's reply, with A's text kept
    page.get_by_role("button", name="Send", exact=True).click()
    held = page.locator("#held")
    expect(held).to_contain_text("Someone else wrote on this ticket")
    expect(held).to_contain_text("B-REPLY")
    expect(page.locator("textarea[name=body]")).to_have_value(
        "Our ledger shows the payout went out on Monday."
    )
    assert ticket.messages.count() == 1

    page.get_by_role("button", name="Send anyway", exact=True).click()
    expect(page.locator("#held")).to_have_count(0)
    expect(page.locator("article.from-staff")).to_have_count(2)
    expect(page.locator("article.from-staff").last).to_contain_text(
        re.compile("payout went out on Monday")
    )
    assert ticket.messages.count() == 2
    # htmx runs under the strict CSP: no refusals, no script errors (the held
    # send's 409 is the one failed load, and meant)
    assert [p for p in problems if "status of 409" not in p] == []
    other.close()
