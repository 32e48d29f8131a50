"""The staff ticket page (issue 17): the composer and its collision rule, send and
set status, previous/next in the queue view, the network's context, presence,
properties in place, the live conversation; its query count; who is kept out."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError
from tests.campaigns.factories import CampaignFactory, EnrolmentFactory
from tests.core.test_cache import CLOSED_PORT_REDIS
from tests.hub.factories import StaffFactory
from tests.tickets.factories import PNG_BYTES, MessageFactory, TicketFactory
from tickets import selectors, services
from tickets.models import SatisfactionRating, Ticket, TicketChange
from tickets.selectors import ticket as ticket_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(network_a, member_a):
    return TicketFactory(network=network_a, requester=member_a, status="open")


def compose(client, ticket, **data):
    data.setdefault("kind", "reply")
    data.setdefault("body", "We are looking into it.")
    data.setdefault("seen", selectors.latest_message_id(user=None, ticket=ticket))
    return client.post(f"/tickets/{ticket.reference}/compose/", data)


# --- the collision rule (services) ------------------------------------------------


def test_a_reply_after_someone_elses_reply_is_held_and_not_sent(
    ticket, intern, manager
):
    first = services.ticket_reply(ticket=ticket, author=intern, body="Mine first")
    with pytest.raises(services.ReplyCollisionError) as held:
        services.ticket_reply(
            ticket=ticket, author=manager, body="Mine too", seen_message_id=0
        )
    assert held.value.extra == {"messages": [first.pk], "latest": first.pk}
    assert ticket.messages.count() == 1
    # having seen it, the reply goes through
    services.ticket_reply(
        ticket=ticket, author=manager, body="Mine too", seen_message_id=first.pk
    )
    assert ticket.messages.count() == 2


def test_ones_own_messages_and_unseeable_notes_never_hold_a_reply(
    ticket, intern, member_a
):
    services.ticket_add_note(ticket=ticket, author=intern, body="internal")
    # the network cannot read the note, so it holds nothing of theirs
    services.ticket_reply(ticket=ticket, author=member_a, body="Any news?")
    services.ticket_reply(
        ticket=ticket,
        author=member_a,
        body="Also this",
        seen_message_id=ticket.messages.filter(internal=False).last().pk,
    )
    # the intern's own earlier note does not hold the intern's reply either... but
    # the network's two replies do
    with pytest.raises(services.ReplyCollisionError):
        services.ticket_reply(
            ticket=ticket,
            author=intern,
            body="x",
            seen_message_id=ticket.messages.filter(internal=True).get().pk,
        )


def test_a_note_may_set_a_status_through_the_workflow(ticket, intern):
    services.ticket_add_note(ticket=ticket, author=intern, body="n", status="on_hold")
    ticket.refresh_from_db()
    assert ticket.status == "on_hold"
    assert TicketChange.objects.filter(ticket=ticket, field="status").exists()
    with pytest.raises(ApplicationError):
        services.ticket_add_note(ticket=ticket, author=intern, body="n", status="new")


# --- the composer (views) ---------------------------------------------------------


def test_a_held_reply_comes_back_with_the_new_reply_and_the_typed_text(
    ticket, intern, manager, client_as
):
    seen = selectors.latest_message_id(user=intern, ticket=ticket)
    theirs = services.ticket_reply(ticket=ticket, author=manager, body="THEIR-REPLY")
    browser = client_as(intern)
    response = compose(browser, ticket, body="MY-TYPED-TEXT", seen=seen)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'id="held"' in html and "THEIR-REPLY" in html
    assert "MY-TYPED-TEXT" in html and "Send anyway" in html
    form = response.context["composer_form"]
    assert int(form["seen"].value()) == theirs.pk
    assert ticket.messages.count() == 1
    # "Send anyway": the same form again, now having seen their reply
    response = compose(browser, ticket, body="MY-TYPED-TEXT", seen=theirs.pk)
    assert response.status_code == 302
    assert ticket.messages.filter(body="MY-TYPED-TEXT").exists()


def test_send_and_set_pending_goes_through_the_status_workflow(
    ticket, intern, client_as
):
    response = compose(client_as(intern), ticket, status="pending")
    assert response.status_code == 302
    message = ticket.messages.get()
    assert response["Location"] == (
        f"/tickets/{ticket.reference}/#message-{message.pk}"
    )
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    change = TicketChange.objects.get(ticket=ticket, field="status")
    assert (change.old_value, change.new_value) == (
        "Open",
        "Pending (waiting on the network)",
    )
    assert ticket.first_response_at is not None  # the SLA hook ran (a staff reply)


def test_a_status_the_workflow_refuses_is_an_error_with_the_text_kept(
    ticket, intern, client_as
):
    response = compose(client_as(intern), ticket, status="closed", body="KEEP-ME")
    assert response.status_code == 400
    assert "KEEP-ME" in response.content.decode()
    assert not ticket.messages.exists()


def test_the_internal_note_tab_adds_a_note_the_network_never_sees(
    ticket, intern, member_a, client_as
):
    response = compose(client_as(intern), ticket, kind="note", body="SECRET-NOTE")
    assert response.status_code == 302
    assert ticket.messages.get().internal
    page = client_as(member_a).get(ticket.get_absolute_url()).content.decode()
    assert "SECRET-NOTE" not in page


def test_open_next_goes_to_the_next_ticket_of_the_view_even_once_set_pending(
    network_a, member_a, intern, client_as
):
    now = timezone.now()
    older = TicketFactory(network=network_a, status="open", created_at=now)
    newer = TicketFactory(
        network=network_a, status="open", created_at=now + timedelta(minutes=1)
    )
    view = "status=open"
    response = compose(
        client_as(intern), newer, status="pending", open_next="on", view=view
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/tickets/{older.reference}/?from={quote(view, safe='')}"
    )
    newer.refresh_from_db()
    assert newer.status == "pending"


def test_the_page_carries_the_view_into_the_composer_and_the_neighbour_links(
    network_a, intern, client_as
):
    now = timezone.now()
    tickets = [
        TicketFactory(
            network=network_a, status="open", created_at=now - timedelta(minutes=i)
        )
        for i in range(3)
    ]
    middle = tickets[1]
    view = "status=open&priority=normal"
    html = (
        client_as(intern)
        .get(f"{middle.get_absolute_url()}?from={quote(view, safe='')}")
        .content.decode()
    )
    encoded = quote(view, safe="")
    assert f'href="/tickets/{tickets[0].reference}/?from={encoded}"' in html
    assert f'href="/tickets/{tickets[2].reference}/?from={encoded}"' in html
    assert 'name="view" value="status=open&amp;priority=normal"' in html


# --- previous / next --------------------------------------------------------------


def test_neighbours_follow_the_views_filters_and_order(network_a, network_b, intern):
    now = timezone.now()
    low = TicketFactory(network=network_a, priority="low", created_at=now)
    urgent = TicketFactory(network=network_a, priority="urgent", created_at=now)
    high = TicketFactory(network=network_a, priority="high", created_at=now)
    TicketFactory(network=network_b, priority="urgent", created_at=now)  # not in view
    params = "network=alpha-agency&ordering=-priority"
    found = selectors.ticket_neighbours(user=intern, ticket=high, params=params)
    assert (found.previous, found.next) == (urgent.reference, low.reference)
    first = selectors.ticket_neighbours(user=intern, ticket=urgent, params=params)
    assert (first.previous, first.next) == (None, high.reference)
    last = selectors.ticket_neighbours(user=intern, ticket=low, params=params)
    assert (last.previous, last.next) == (high.reference, None)


def test_neighbours_break_ties_by_id_and_put_tickets_without_a_clock_last(
    network_a, intern
):
    now = timezone.now()
    same = [TicketFactory(network=network_a, created_at=now) for _i in range(3)]
    found = selectors.ticket_neighbours(user=intern, ticket=same[1], params="")
    assert (found.previous, found.next) == (same[2].reference, same[0].reference)
    due = TicketFactory(network=network_a, sla_due_at=now + timedelta(hours=1))
    later = TicketFactory(network=network_a, sla_due_at=now + timedelta(hours=2))
    by_due = "ordering=sla_due"
    found = selectors.ticket_neighbours(user=intern, ticket=later, params=by_due)
    assert found.previous == due.reference
    assert found.next == max(same, key=lambda t: t.pk).reference  # no clock: last
    found = selectors.ticket_neighbours(user=intern, ticket=same[0], params=by_due)
    assert found.previous == same[1].reference  # among the NULLs, by id descending


def test_a_ticket_no_longer_in_the_view_keeps_the_ones_around_it(
    network_a, intern, member_a
):
    now = timezone.now()
    newer, middle, older = (
        TicketFactory(
            network=network_a, status="open", created_at=now - timedelta(minutes=i)
        )
        for i in range(3)
    )
    Ticket.objects.filter(pk=middle.pk).update(status="pending")
    middle.refresh_from_db()
    found = selectors.ticket_neighbours(
        user=intern, ticket=middle, params="status=open"
    )
    assert (found.previous, found.next) == (newer.reference, older.reference)
    # not opened from a view, and networks have no queue: nothing is read
    assert (
        selectors.ticket_neighbours(user=intern, ticket=middle, params=None).query
        is None
    )
    mine = selectors.ticket_neighbours(user=member_a, ticket=older, params="")
    assert (mine.previous, mine.next) == (None, None)


# --- the network's context --------------------------------------------------------


def _network_with_context(network, member, intern, n):
    from onboarding.services import onboarding_start
    from tests.onboarding.factories import PlanFactory, PlanStepFactory

    plan = PlanFactory()
    for _i in range(4):
        PlanStepFactory(plan=plan)
    onboarding = onboarding_start(network=network, plan=plan)
    onboarding.steps.filter(pk=onboarding.steps.first().pk).update(
        done_at=timezone.now()
    )
    today = timezone.now().date()
    for i in range(n):
        TicketFactory(network=network, requester=member, status="open")
        MessageFactory(ticket=TicketFactory(network=network), author=member)
        campaign = CampaignFactory(
            name=f"Now {i}",
            start_date=today - timedelta(days=1),
            end_date=today + timedelta(days=i + 1),
        )
        EnrolmentFactory(campaign=campaign, network=network)
        rated = TicketFactory(network=network, status="solved")
        SatisfactionRating.objects.create(
            ticket=rated, score=4 if i % 2 else 2, created_at=timezone.now()
        )
    return onboarding


def test_the_context_shows_the_networks_other_open_work_onboarding_campaigns_and_csat(
    ticket, network_a, network_b, member_a, intern
):
    _network_with_context(network_a, member_a, intern, 2)
    TicketFactory(network=network_b, status="open", subject="BRAVO-ONLY")
    old = CampaignFactory(name="Ended")
    EnrolmentFactory(campaign=old, network=network_a)
    context = selectors.network_context(user=intern, ticket=ticket)
    subjects = [t.subject for t in context["open_tickets"]]
    assert ticket.subject not in subjects and "BRAVO-ONLY" not in subjects
    assert len(subjects) == 4  # 2 open + 2 new (the other messages' tickets)
    assert context["onboarding_pct"] == 25
    assert [c.name for c in context["campaigns"]] == ["Now 0", "Now 1"]
    assert context["satisfaction"]["satisfaction_count"] == 2
    assert context["satisfaction"]["satisfaction_average"] == 3.0
    assert selectors.network_context(user=member_a, ticket=ticket) is None


# the staff ticket page: session, user, groups (memoised), the ticket with its
# joins, the agent's "seen" mark (one upsert, for the queue's unread dot), its own
# files, the conversation + its attachments, the macros, the tags
# (properties), the neighbours (two keyset queries), the properties form's
# categories and staff, the history; the network's context follows in a request of
# its own (session, user, groups, the ticket, then other open tickets, onboarding,
# satisfaction, campaigns)
TICKET_PAGE_QUERIES = 15
CONTEXT_PANEL_QUERIES = 8


@pytest.mark.parametrize("size", [2, 12])
def test_the_staff_ticket_page_has_a_constant_number_of_queries(
    ticket, network_a, member_a, intern, client_as, size, django_assert_num_queries
):
    from tests.tickets.factories import CannedReplyFactory, png_attachment

    _network_with_context(network_a, member_a, intern, size)
    for i in range(size):
        message = MessageFactory(ticket=ticket, author=intern, internal=bool(i % 2))
        png_attachment(ticket, message)
        CannedReplyFactory()
        StaffFactory()
    browser = client_as(intern)
    url = f"{ticket.get_absolute_url()}?from={quote('status=open', safe='')}"
    with django_assert_num_queries(TICKET_PAGE_QUERIES):
        response = browser.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="thumb"') == size
    with django_assert_num_queries(CONTEXT_PANEL_QUERIES):
        panel = browser.get(
            f"{ticket.get_absolute_url()}context/", headers={"HX-Request": "true"}
        )
    assert panel.status_code == 200
    shown = min(2 * size, ticket_selectors.CONTEXT_OPEN_TICKETS)
    assert panel.content.decode().count('class="reference"') == shown


def test_the_network_context_follows_the_page_for_staff_only(
    ticket, network_a, member_a, intern, client_as
):
    _network_with_context(network_a, member_a, intern, 2)
    page = client_as(intern).get(ticket.get_absolute_url()).content.decode()
    url = f"{ticket.get_absolute_url()}context/"
    # the page draws a placeholder that loads the panel, with a plain link too
    assert f'hx-get="{url}"' in page and f'href="{url}"' in page
    panel = client_as(intern).get(url, headers={"HX-Request": "true"})
    text = panel.content.decode()
    assert "Now 0" in text and "Now 1" in text  # the campaigns it is in now
    assert "Other open tickets" in text and "<html" not in text  # a partial
    whole = client_as(intern).get(url).content.decode()
    assert "<html" in whole and "Now 0" in whole  # without htmx, a page of its own
    assert client_as(member_a).get(url).status_code == 404


# --- properties in place ----------------------------------------------------------


def _properties(ticket, **changes):
    data = {
        "props-version": ticket.version,
        "props-status": ticket.status,
        "props-priority": ticket.priority,
        "props-kind": ticket.kind,
    }
    data.update({f"props-{k}": v for k, v in changes.items()})
    return data


def test_properties_change_in_place_through_htmx(ticket, intern, client_as):
    browser = client_as(intern)
    response = browser.post(
        f"/tickets/{ticket.reference}/properties/",
        _properties(ticket, priority="urgent"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and 'id="properties"' in html
    assert 'id="history" hx-swap-oob="true"' in html and "Urgent" in html
    assert "<html" not in html
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"
    # a stale form is still a conflict, answered in place
    response = browser.post(
        f"/tickets/{ticket.reference}/properties/",
        _properties(ticket, version=1, priority="low"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert 'id="conflict"' in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.priority == "urgent"


def test_without_javascript_properties_come_back_to_their_anchor(
    ticket, intern, client_as
):
    response = client_as(intern).post(
        f"/tickets/{ticket.reference}/properties/", _properties(ticket, kind="problem")
    )
    assert response.status_code == 302
    assert response["Location"] == f"/tickets/{ticket.reference}/#properties"


# --- presence and the live conversation -------------------------------------------


def test_two_agents_on_one_ticket_see_each_other(ticket, intern, manager, client_as):
    first, second = client_as(intern), client_as(manager)
    url = f"/tickets/{ticket.reference}/presence/"
    assert "is viewing" not in first.post(url, {"state": "viewing"}).content.decode()
    html = second.post(url, {"state": "replying"}).content.decode()
    assert f"{intern} is viewing" in html and str(manager) not in html
    html = first.post(url, {"state": "viewing"}).content.decode()
    assert f"{manager} is replying" in html


def test_a_down_cache_hides_presence_and_never_errors(
    ticket, intern, client_as, settings
):
    settings.CACHES = CLOSED_PORT_REDIS
    response = client_as(intern).post(
        f"/tickets/{ticket.reference}/presence/", {"state": "viewing"}
    )
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def test_presence_and_the_composer_are_staff_only(
    ticket, member_a, member_b, client_as, client
):
    for person in (member_a, member_b):
        browser = client_as(person)
        assert browser.post(f"/tickets/{ticket.reference}/presence/").status_code == 404
        assert compose(browser, ticket).status_code == 404
    response = client.post(f"/tickets/{ticket.reference}/presence/")
    assert response.status_code == 302
    assert not ticket.messages.exists()


def test_the_conversation_poll_answers_204_until_a_new_message_lands(
    ticket, intern, member_a, member_b, client_as
):
    browser = client_as(intern)
    url = f"/tickets/{ticket.reference}/conversation/"
    assert browser.get(f"{url}?seen=0").status_code == 204
    reply = services.ticket_reply(ticket=ticket, author=member_a, body="NEW-ONE")
    response = browser.get(f"{url}?seen=0")
    assert response.status_code == 200
    html = response.content.decode()
    assert "NEW-ONE" in html and f"?seen={reply.pk}" in html
    assert browser.get(f"{url}?seen={reply.pk}").status_code == 204
    # a note is news to staff only
    services.ticket_add_note(ticket=ticket, author=intern, body="SECRET")
    network = client_as(member_a).get(f"{url}?seen={reply.pk}")
    assert network.status_code == 204
    assert client_as(member_b).get(url).status_code == 404


def test_image_attachments_show_as_thumbnails(ticket, intern, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("shot.png", PNG_BYTES, content_type="image/png")
    services.ticket_reply(
        ticket=ticket, author=intern, body="see", attachments=[upload]
    )
    html = client_as(intern).get(ticket.get_absolute_url()).content.decode()
    attachment = ticket.attachments.get()
    assert f'<img src="{attachment.get_absolute_url()}"' in html
    assert Ticket.objects.count() == 1
