"""Issue 14, findings 8 and 12: interns used the manager-only feedback board by
URL (status changes that e-mail networks, new items, the product CSV), and
status e-mails still reached people who had left the network."""

import pytest
from django.core import mail

from core.exceptions import PermissionDeniedError
from insights import notifications, selectors, services
from insights.models import FeedbackItem, FeedbackStatusChange
from tests.hub.factories import MembershipFactory
from tests.insights.factories import FeedbackItemFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(network_a, member_a):
    item = FeedbackItemFactory(title="Schedule LIVE battles")
    item.tickets.add(TicketFactory(network=network_a, requester=member_a))
    return item


def test_an_intern_reaches_no_route_of_the_board(client_as, intern, item):
    browser = client_as(intern)
    assert browser.get("/hub/feedback/").status_code == 404
    assert browser.get("/hub/feedback/export.csv").status_code == 404
    assert (
        browser.post("/hub/feedback/new/", {"title": "Sneaky item"}).status_code == 404
    )
    assert (
        browser.post(
            f"/hub/feedback/{item.pk}/status/", {"status": "shipped", "note": "x"}
        ).status_code
        == 404
    )
    assert (
        browser.post(
            f"/hub/feedback/{item.pk}/link/", {"tickets": TicketFactory().reference}
        ).status_code
        == 404
    )
    item.refresh_from_db()
    assert item.status == "new" and item.tickets.count() == 1
    assert FeedbackItem.objects.count() == 1
    assert not FeedbackStatusChange.objects.exists()


def test_the_services_refuse_an_intern_too(intern, item):
    with pytest.raises(PermissionDeniedError):
        services.feedback_item_set_status(item=item, actor=intern, status="shipped")
    with pytest.raises(PermissionDeniedError):
        services.feedback_item_create(actor=intern, title="Sneaky", area=None)
    with pytest.raises(PermissionDeniedError):
        services.feedback_item_link(item=item, actor=intern, references=[])
    with pytest.raises(PermissionDeniedError):
        services.product_area_get_or_create(name="Backstage", actor=intern)
    assert not FeedbackStatusChange.objects.exists()


def test_the_board_is_not_in_an_interns_navigation(client_as, intern, manager):
    assert "/hub/feedback/" not in client_as(intern).get("/").content.decode()
    assert "/hub/feedback/" in client_as(manager).get("/").content.decode()


def _change(item, manager) -> FeedbackStatusChange:
    services.feedback_item_set_status(item=item, actor=manager, status="planned")
    return FeedbackStatusChange.objects.get(item=item)


def test_status_news_reaches_requesters_still_in_the_network(
    manager, item, member_a, network_a, django_capture_on_commit_callbacks
):
    stayed = MembershipFactory(network=network_a).user
    item.tickets.add(TicketFactory(network=network_a, requester=stayed))
    with django_capture_on_commit_callbacks(execute=True):
        sent = notifications.send_feedback_status(_change(item, manager).pk)
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member_a.email, stayed.email]
    )


def test_people_who_left_or_were_removed_hear_nothing_more(
    manager, owner_a, item, member_a, network_a, network_b
):
    from hub.models import Membership
    from onboarding.services import membership_remove

    membership_remove(actor=owner_a, membership=Membership.objects.get(user=member_a))
    # someone who moved to another network: their old network's item is not theirs
    moved = MembershipFactory(network=network_a).user
    item.tickets.add(TicketFactory(network=network_a, requester=moved))
    Membership.objects.filter(user=moved).update(network=network_b)
    # someone deactivated
    gone = MembershipFactory(network=network_a).user
    item.tickets.add(TicketFactory(network=network_a, requester=gone))
    gone.is_active = False
    gone.save()
    assert list(selectors.feedback_status_recipients(item=item)) == []
    assert notifications.send_feedback_status(_change(item, manager).pk) == 0
    assert mail.outbox == []


def test_one_e_mail_per_person_however_many_of_their_tickets(manager, item, member_a):
    item.tickets.add(
        TicketFactory(network=item.tickets.get().network, requester=member_a)
    )
    assert list(selectors.feedback_status_recipients(item=item)) == [member_a]
