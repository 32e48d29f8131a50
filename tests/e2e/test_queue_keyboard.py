"""The queue by keyboard in a real browser (issue 17): j/k through the rows with
the preview, Enter opens the ticket the network answered most recently, ? shows
the shortcut sheet, / focuses the search; bulk close asks first and undo puts
the statuses back; at 390 px the queue is cards with status and SLA, no overflow."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.test_ticket_journey import sign_in
from tickets import services
from tickets.models import Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _tickets(member, intern):
    older = services.ticket_create(
        requester=member,
        subject="Diamonds missing from the May battle",
        description="x",
    )
    newer = services.ticket_create(
        requester=member, subject="Creator cannot go LIVE", description="y"
    )
    answered = services.ticket_create(
        requester=member, subject="Agency bonus question", description="z"
    )
    services.ticket_reply(ticket=answered, author=intern, body="Paid on Friday.")
    # the network answers on the older ticket last: it is the one to read first
    services.ticket_reply(
        ticket=older, author=member, body="We found the battle ID: 7781."
    )
    Ticket.objects.update(sla_due_at=timezone.now() + timedelta(days=2))
    return older, newer, answered


def test_a_manager_works_the_queue_by_keyboard(
    page: Page, live_server, member_a, intern, manager
):
    base = live_server.url
    older, newer, _answered = _tickets(member_a, intern)
    sign_in(page, base, manager)
    page.goto(f"{base}/tickets/")

    # the "Waiting on us" view, sorted by the network's latest reply
    waiting = page.get_by_role("link", name="Waiting on us")
    expect(waiting).to_contain_text("2")
    waiting.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}/tickets/?waiting=true&ordering=-network_replied")
    rows = page.locator("[data-queue-row]")
    expect(rows).to_have_count(2)

    # j reaches the first row: focus is visible and the preview shows the reply
    page.locator("body").focus()
    page.keyboard.press("j")
    first = rows.nth(0)
    expect(first).to_have_class(re.compile("is-current"))
    expect(first.locator(".preview")).to_be_visible()
    expect(first.locator(".preview")).to_contain_text("battle ID: 7781")
    page.keyboard.press("j")
    expect(rows.nth(1).locator(".preview")).to_be_visible()
    page.keyboard.press("k")
    expect(first.locator("[data-row-link]")).to_be_focused()

    # ? shows the sheet (with the ticket page's r and n), Escape closes it
    page.keyboard.press("?")
    sheet = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(sheet).to_be_visible()
    for key in ("j", "k", "Enter", "/", "?", "r", "n"):
        expect(sheet.locator("kbd", has_text=key).first).to_be_visible()
    page.keyboard.press("Escape")
    expect(sheet).to_be_hidden()

    # keys typed into a field are text, not shortcuts
    page.keyboard.press("/")
    search = page.get_by_role(
        "searchbox", name="Search tickets, networks, people and articles"
    )
    expect(search).to_be_focused()
    page.keyboard.type("jk?")
    expect(search).to_have_value("jk?")
    expect(sheet).to_be_hidden()
    search.fill("")

    # back in the list, Enter opens the ticket the network answered last
    first.locator("[data-row-link]").focus()
    page.keyboard.press("Enter")
    # the ticket opens with the view it came from (for previous / next)
    expect(page).to_have_url(
        f"{base}/tickets/{older.reference}/"
        "?from=waiting%3Dtrue%26ordering%3D-network_replied"
    )


def test_bulk_close_asks_first_and_undo_restores(
    page: Page, live_server, member_a, intern, manager
):
    base = live_server.url
    older, newer, answered = _tickets(member_a, intern)
    services.ticket_set_status(ticket=answered, actor=intern, status="pending")
    before = {older.pk: "new", answered.pk: "pending"}
    assert dict(Ticket.objects.filter(pk__in=before).values_list("pk", "status")) == (
        before
    )
    sign_in(page, base, manager)
    page.goto(f"{base}/tickets/")

    bar = page.get_by_role("group", name="Selected tickets")
    expect(bar).to_be_hidden()  # only once tickets are ticked
    page.get_by_label(f"Select {older.reference}").check()
    page.get_by_label(f"Select {answered.reference}").check()
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("(2)")
    bar.get_by_label("Status").select_option("closed")
    bar.get_by_role("button", name="Apply to selected").click()

    # asked first: nothing is closed yet
    expect(page.get_by_role("heading", name="Close 2 tickets?")).to_be_visible()
    assert not Ticket.objects.filter(status="closed").exists()
    page.get_by_role("button", name="Close 2 tickets").click()
    expect(page.get_by_role("status").first).to_contain_text("2 tickets updated.")
    assert Ticket.objects.filter(status="closed").count() == 2

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "back to their previous status"
    )
    assert dict(Ticket.objects.filter(pk__in=before).values_list("pk", "status")) == (
        before
    )


def test_the_queue_on_a_phone_is_cards_with_status_and_sla(
    page: Page, live_server, member_a, intern, manager
):
    base = live_server.url
    _tickets(member_a, intern)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, manager)
    page.goto(f"{base}/tickets/")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    row = page.locator("[data-queue-row]").first
    expect(row.locator(".col-status .badge")).to_be_visible()
    expect(row.locator(".col-sla .badge")).to_be_visible()
    expect(row.locator(".col-sla .badge")).to_have_text("On track")
    # the filters are folded away
    expect(page.locator(".queue-filters form")).to_be_hidden()
