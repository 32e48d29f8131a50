"""Service standards in a real browser: a canned reply is inserted into the
composer (JS, no round trip), its actions apply on send; the requester rates the
solved ticket."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_ticket_journey import sign_in
from tests.tickets.factories import CannedReplyFactory, TicketFactory
from tickets.models import CannedReply, SatisfactionRating, Ticket

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_canned_reply_solves_and_the_network_rates_it(
    page: Page, live_server, network_a, member_a, intern
):
    base = live_server.url
    macro = CannedReplyFactory(
        title="Solved, glad to help",
        body="Hi {requester_name}, {reference} is solved.",
        set_status="solved",
    )
    ticket = TicketFactory(network=network_a, requester=member_a, status="open")

    sign_in(page, base, intern)
    page.goto(f"{base}{ticket.get_absolute_url()}")
    page.get_by_label("Canned reply").select_option(str(macro.pk))
    page.get_by_role("button", name="Insert").click()
    reply = page.get_by_label("Public reply (the network sees this)")
    expect(reply).to_have_value(
        f"Hi {member_a.get_short_name()}, {ticket.reference} is solved."
    )
    expect(page.locator(".canned-status")).to_contain_text("Solved")
    reply.fill(reply.input_value() + " Thanks for your patience!")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your reply was sent")
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.SOLVED
    assert CannedReply.objects.get(pk=macro.pk).usage_count == 1

    sign_in(page, base, member_a)
    page.goto(f"{base}{ticket.get_absolute_url()}")
    page.get_by_label("4 — good").check()
    page.get_by_label("Anything we could do better? (optional)").fill("Quick answer")
    page.get_by_role("button", name="Send rating").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your rating")
    rating = SatisfactionRating.objects.get(ticket=ticket)
    assert (rating.score, rating.rated_by) == (4, member_a)
