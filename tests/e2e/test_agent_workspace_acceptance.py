"""Issue 17's acceptance, in a real browser, by keyboard alone: a manager opens the
queue, moves to the ticket a network answered most recently, reads it, replies and
sets it pending, and lands on the next ticket of the view; a second agent's reply
arriving meanwhile is shown before anything of the manager's is sent."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_agent_ticket_page import _tab_to
from tests.e2e.test_queue_keyboard import _tickets
from tests.e2e.test_ticket_journey import sign_in
from tickets.models import Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_manager_answers_the_latest_network_reply_by_keyboard_alone(
    page: Page, live_server, member_a, intern, manager, settings
):
    settings.HUB_CONVERSATION_POLL_SECONDS = 1
    base = live_server.url
    older, newer, _answered = _tickets(
        member_a, intern
    )  # the network wrote on older last
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    sign_in(page, base, manager)

    # the queue; Tab to the "Waiting on us" view (sorted by the network's latest reply)
    page.goto(f"{base}/tickets/")
    _tab_to(page, page.get_by_role("link", name="Waiting on us"), most=80)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"waiting=true"))

    # j: the first row is the ticket the network answered most recently; Enter opens it
    page.keyboard.press("j")
    first = page.locator("[data-queue-row]").nth(0)
    expect(first.locator(".preview")).to_contain_text("battle ID: 7781")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(older.subject)
    expect(page.locator("#conversation")).to_contain_text("battle ID: 7781")  # read

    # meanwhile a second agent, in their own browser, answers the same ticket
    other = page.context.browser.new_context()
    agent_b = other.new_page()
    sign_in(agent_b, base, intern)
    agent_b.goto(f"{base}{older.get_absolute_url()}")
    agent_b.get_by_label("Public reply (the network sees this)").fill(
        "B-REPLY: the battle's diamonds are being recounted."
    )
    agent_b.get_by_role("button", name="Send", exact=True).click()
    expect(agent_b.locator("article.from-staff")).to_contain_text("B-REPLY")

    # r: reply; open the next ticket after sending; Send and set Pending
    page.locator("h1").click(position={"x": 1, "y": 1})  # out of any field
    page.keyboard.press("r")
    expect(page.locator("textarea[name=body]")).to_be_focused()
    page.keyboard.type("We found battle 7781; the diamonds land on Friday.")
    open_next = page.get_by_label("and open the next ticket in this view")
    _tab_to(page, open_next)
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="Send and set Pending"))
    page.keyboard.press("Enter")

    # held: the other agent's reply is shown first, nothing of ours was sent
    held = page.locator("#held")
    expect(held).to_contain_text("Someone else wrote on this ticket")
    expect(held).to_contain_text("B-REPLY")
    assert older.messages.filter(body__startswith="We found battle").count() == 0
    expect(page.locator("textarea[name=body]")).to_have_value(
        "We found battle 7781; the diamonds land on Friday."
    )

    # having read it, send anyway (still by keyboard) and land on the next ticket
    _tab_to(
        page, page.get_by_role("button", name="Send anyway and set Pending"), most=40
    )
    page.keyboard.press("Enter")
    expect(page.locator("h1")).not_to_contain_text(older.subject)
    expect(page.locator("h1")).to_contain_text(newer.subject)
    older.refresh_from_db()
    assert older.status == Ticket.Status.PENDING
    assert older.messages.filter(body__startswith="We found battle").count() == 1
    assert problems == []
    other.close()
