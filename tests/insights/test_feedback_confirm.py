"""Issue 17: the feedback board is the managers' on every route and action (the
intern's side: portal, confirmation step, API, admin), and a status change, which
e-mails the networks asking, asks first and says who will be told."""

import pytest
from django.core import mail

from insights.models import FeedbackItem, FeedbackStatusChange
from tests.insights.factories import FeedbackItemFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(network_a, member_a):
    item = FeedbackItemFactory(title="Schedule LIVE battles")
    item.tickets.add(TicketFactory(network=network_a, requester=member_a))
    return item


def test_a_status_change_asks_first_naming_who_is_e_mailed(
    client_as, manager, item, django_capture_on_commit_callbacks
):
    browser = client_as(manager)
    with django_capture_on_commit_callbacks(execute=True):
        page = browser.post(
            f"/hub/feedback/{item.pk}/status/", {"status": "shipped", "note": "Live!"}
        )
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 person who asked will be e-mailed (Alpha Agency)" in text
    assert 'name="confirmed" value="1"' in text and "Live!" in text
    item.refresh_from_db()
    assert item.status == "new" and not FeedbackStatusChange.objects.exists()
    assert mail.outbox == []


def test_confirming_changes_the_status_and_e_mails(
    client_as, manager, item, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(manager).post(
            f"/hub/feedback/{item.pk}/status/",
            {"status": "shipped", "note": "Live!", "confirmed": "1"},
        )
    item.refresh_from_db()
    assert item.status == "shipped"
    assert FeedbackStatusChange.objects.count() == 1


def test_a_note_without_a_new_status_e_mails_nobody_and_needs_no_question(
    client_as, manager, item
):
    response = client_as(manager).post(
        f"/hub/feedback/{item.pk}/status/", {"status": "new", "note": "Still looking"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.note == "Still looking"


def test_an_intern_cannot_confirm_a_status_change_either(client_as, intern, item):
    response = client_as(intern).post(
        f"/hub/feedback/{item.pk}/status/", {"status": "shipped", "confirmed": "1"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "new" and not FeedbackStatusChange.objects.exists()


def test_an_intern_is_kept_off_the_board_in_the_api_and_the_admin(
    client_as, intern, item
):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(intern)
    assert api.get("/api/v1/feedback/").status_code == 403
    assert (
        api.post(
            f"/api/v1/feedback/{item.pk}/status/", {"status": "shipped"}, format="json"
        ).status_code
        == 403
    )
    browser = client_as(intern)
    for url in (
        "/admin/insights/feedbackitem/",
        f"/admin/insights/feedbackitem/{item.pk}/change/",
        "/admin/insights/productarea/",
    ):
        assert browser.get(url).status_code in (403, 404), url
    assert browser.post(
        f"/admin/insights/feedbackitem/{item.pk}/change/", {"title": "Renamed"}
    ).status_code in (403, 404)
    item.refresh_from_db()
    assert item.status == "new" and item.title == "Schedule LIVE battles"
    assert FeedbackItem.objects.count() == 1


def test_the_intern_navigation_does_not_offer_the_board(client_as, intern):
    assert "/hub/feedback/" not in client_as(intern).get("/").content.decode()
