"""Canned replies, bulk actions, saved views and satisfaction ratings."""

import datetime as dt

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from tests.tickets.factories import CannedReplyFactory, TicketFactory
from tickets import services
from tickets.models import CannedReply, SatisfactionRating, SavedView, TicketChange


@pytest.fixture
def ticket(network_a, member_a):
    return TicketFactory(network=network_a, requester=member_a, status="open")


# --- canned replies ------------------------------------------------------------


def test_placeholders_are_filled_and_other_braces_kept(ticket, intern, member_a):
    macro = CannedReplyFactory(body="Hi {requester_name} ({network}) {x} {reference}")
    text = services.canned_reply_render(macro=macro, ticket=ticket, agent=intern)
    assert text == (
        f"Hi {member_a.get_short_name()} (Alpha Agency) {{x}} {ticket.reference}"
    )


def test_inserting_a_macro_fills_the_composer_after_the_typed_text_without_sending(
    ticket, intern, client_as
):
    macro = CannedReplyFactory(body="Thanks {requester_name}!", set_status="pending")
    response = client_as(intern).post(
        f"/tickets/{ticket.reference}/canned/",
        {"pick-canned_reply": macro.pk, "body": "Hello", "kind": "reply", "seen": 0},
    )
    assert response.status_code == 200
    form = response.context["composer_form"]
    assert form["body"].value().startswith("Hello\n\nThanks ")
    assert str(form["canned_reply"].value()) == str(macro.pk)
    assert "Sending also sets the status to" in response.content.decode()
    assert ticket.messages.count() == 0
    macro.refresh_from_db()
    assert macro.usage_count == 0


def test_sending_the_reply_applies_the_macro_actions_and_counts_it(
    ticket, intern, client_as
):
    macro = CannedReplyFactory(
        set_status="pending", set_priority="high", add_tag="Payout"
    )
    response = client_as(intern).post(
        f"/tickets/{ticket.reference}/reply/",
        {"body": "Edited text", "canned_reply": macro.pk},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority) == ("pending", "high")
    assert list(ticket.tags.values_list("name", flat=True)) == ["payout"]
    assert ticket.messages.get().body == "Edited text"
    assert CannedReply.objects.get(pk=macro.pk).usage_count == 1
    fields = set(
        TicketChange.objects.filter(ticket=ticket).values_list("field", flat=True)
    )
    assert {"status", "priority", "tags"} <= fields


def test_networks_cannot_use_macros(ticket, member_a, member_b, client_as):
    macro = CannedReplyFactory()
    with pytest.raises(PermissionDeniedError):
        services.ticket_reply(
            ticket=ticket, author=member_a, body="x", canned_reply=macro
        )
    for person in (member_a, member_b):
        response = client_as(person).post(
            f"/tickets/{ticket.reference}/canned/", {"canned_reply": macro.pk}
        )
        assert response.status_code == 404


def test_an_inactive_macro_is_refused(ticket, intern):
    macro = CannedReplyFactory(is_active=False)
    with pytest.raises(ApplicationError, match="no longer active"):
        services.ticket_reply(
            ticket=ticket, author=intern, body="x", canned_reply=macro
        )


# --- bulk actions --------------------------------------------------------------


def test_bulk_update_changes_every_ticket_and_records_history(
    network_a, manager, intern
):
    tickets = [TicketFactory(network=network_a, status="open") for _ in range(3)]
    services.tickets_bulk_update(
        actor=manager, tickets=tickets, assignee=intern, priority="high", add_tag="vip"
    )
    for ticket in tickets:
        ticket.refresh_from_db()
        assert (ticket.assignee, ticket.priority, ticket.version) == (intern, "high", 2)
        assert ticket.tags.filter(name="vip").exists()
        assert set(ticket.changes.values_list("field", flat=True)) == {
            "assignee",
            "priority",
            "tags",
        }


def test_bulk_update_is_all_or_nothing_and_names_the_refusals(network_a, manager):
    fine = TicketFactory(network=network_a, status="open")
    closed = TicketFactory(network=network_a, status="closed")
    with pytest.raises(ApplicationError) as caught:
        services.tickets_bulk_update(
            actor=manager, tickets=[fine, closed], status="pending", priority="low"
        )
    assert closed.reference in caught.value.message
    assert caught.value.extra["refused"][0]["reference"] == closed.reference
    fine.refresh_from_db()
    assert (fine.status, fine.priority, fine.version) == ("open", "normal", 1)
    assert not TicketChange.objects.filter(ticket=fine).exists()


def test_bulk_view_and_who_may_use_it(network_a, manager, member_a, client_as):
    tickets = [TicketFactory(network=network_a, status="open") for _ in range(2)]
    data = {"tickets": [t.reference for t in tickets], "status": "on_hold"}
    assert client_as(member_a).post("/tickets/bulk/", data).status_code == 404
    response = client_as(manager).post(
        "/tickets/bulk/", {**data, "next": "/tickets/?status=open"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/tickets/?status=open"
    assert {
        t.status
        for t in tickets[0].__class__.objects.filter(pk__in=[t.pk for t in tickets])
    } == {"on_hold"}


def test_bulk_view_refusal_changes_nothing_and_says_why(network_a, manager, client_as):
    closed = TicketFactory(network=network_a, status="closed")
    fine = TicketFactory(network=network_a, status="open")
    response = client_as(manager).post(
        "/tickets/bulk/",
        {"tickets": [closed.reference, fine.reference], "status": "open"},
        follow=True,
    )
    text = response.content.decode()
    assert "Nothing was changed" in text and closed.reference in text
    fine.refresh_from_db()
    assert fine.version == 1


# --- saved views ---------------------------------------------------------------


def test_shared_default_views_exist(db):
    names = set(SavedView.objects.filter(owner=None).values_list("name", flat=True))
    assert {"My open", "Unassigned", "Breaching soon", "Waiting on network"} <= names


def test_staff_save_the_current_filters_as_a_personal_view(intern, manager, client_as):
    response = client_as(intern).post(
        "/tickets/views/",
        {"name": "Urgent payouts", "query": "priority=urgent&page=3&q=payout"},
    )
    view = SavedView.objects.get(owner=intern)
    assert view.query == "priority=urgent&q=payout"
    assert response["Location"] == f"/tickets/?{view.query}"
    queue = client_as(intern).get("/tickets/")
    assert "Urgent payouts" in queue.content.decode()
    assert "Urgent payouts" not in client_as(manager).get("/tickets/").content.decode()
    with pytest.raises(ApplicationError, match="already have"):
        services.saved_view_create(owner=intern, name="urgent PAYOUTS", query="")


def test_only_the_owner_deletes_a_view(intern, manager, member_a, client_as):
    view = services.saved_view_create(owner=intern, name="Mine", query="status=open")
    for person in (manager, member_a):
        response = client_as(person).post(f"/tickets/views/{view.pk}/delete/")
        assert response.status_code == 404
    shared = SavedView.objects.filter(owner=None).first()
    with pytest.raises(PermissionDeniedError):
        services.saved_view_delete(actor=intern, view=shared)
    assert (
        client_as(intern).post(f"/tickets/views/{view.pk}/delete/").status_code == 302
    )
    assert not SavedView.objects.filter(pk=view.pk).exists()


def test_networks_cannot_save_views(member_a, client_as):
    response = client_as(member_a).post("/tickets/views/", {"name": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["My open", "Unassigned", "Breaching soon", "Waiting on network"]
)
def test_each_shared_view_is_a_valid_queue(name, manager, client_as):
    view = SavedView.objects.get(owner=None, name=name)
    response = client_as(manager).get(f"/tickets/?{view.query}")
    assert response.status_code == 200
    assert not response.context["filter"].errors


# --- satisfaction ----------------------------------------------------------------


def test_the_requester_rates_a_solved_ticket_and_may_change_it(ticket, member_a):
    ticket.status = "solved"
    ticket.save()
    services.satisfaction_rate(ticket=ticket, user=member_a, score=3, comment="ok")
    rating = services.satisfaction_rate(ticket=ticket, user=member_a, score=5)
    assert (rating.score, SatisfactionRating.objects.count()) == (5, 1)


def test_a_colleague_in_the_network_may_rate_too(ticket, owner_a):
    ticket.status = "solved"
    ticket.save()
    assert services.satisfaction_rate(ticket=ticket, user=owner_a, score=4).score == 4


@pytest.mark.parametrize("score", [0, 6, "x"])
def test_scores_outside_1_to_5_are_refused(ticket, member_a, score):
    ticket.status = "solved"
    ticket.save()
    with pytest.raises(ApplicationError, match="1 to 5"):
        services.satisfaction_rate(ticket=ticket, user=member_a, score=score)


def test_open_tickets_cannot_be_rated(ticket, member_a):
    with pytest.raises(ApplicationError, match="once it is solved"):
        services.satisfaction_rate(ticket=ticket, user=member_a, score=4)


def test_a_rating_is_final_after_seven_days(ticket, member_a):
    ticket.status = "solved"
    ticket.save()
    rating = services.satisfaction_rate(ticket=ticket, user=member_a, score=2)
    SatisfactionRating.objects.filter(pk=rating.pk).update(
        created_at=timezone.now() - dt.timedelta(days=7, minutes=1)
    )
    with pytest.raises(ApplicationError, match="final"):
        services.satisfaction_rate(ticket=ticket, user=member_a, score=5)


def test_other_networks_and_staff_cannot_rate(ticket, member_b, intern, client_as):
    ticket.status = "solved"
    ticket.save()
    with pytest.raises(NotFoundError):
        services.satisfaction_rate(ticket=ticket, user=member_b, score=5)
    with pytest.raises(PermissionDeniedError):
        services.satisfaction_rate(ticket=ticket, user=intern, score=5)
    url = f"/tickets/{ticket.reference}/rate/"
    assert client_as(member_b).post(url, {"score": 5}).status_code == 404
    assert client_as(intern).post(url, {"score": 5}).status_code == 403
    assert not SatisfactionRating.objects.exists()


def test_the_portal_prompts_for_a_rating_and_staff_see_it(
    ticket, member_a, intern, client_as
):
    ticket.status = "solved"
    ticket.save()
    page = client_as(member_a).get(ticket.get_absolute_url()).content.decode()
    assert 'id="rate"' in page and "How did we do?" in page
    response = client_as(member_a).post(
        f"/tickets/{ticket.reference}/rate/", {"score": 4, "comment": "Quick, thanks"}
    )
    assert response.status_code == 302
    staff_page = client_as(intern).get(ticket.get_absolute_url()).content.decode()
    assert "4/5" in staff_page and "Quick, thanks" in staff_page
