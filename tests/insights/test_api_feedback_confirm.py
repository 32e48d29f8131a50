"""Issue 17: a feedback status change e-mails the networks asking; the board asks
first, the API changed it at once. The API now answers 409 with the board's own
warning (who is e-mailed) until the request says "confirm": true."""

import pytest
from django.core import mail

from insights.models import FeedbackStatusChange
from tests.insights.factories import FeedbackItemFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(network_a, member_a):
    item = FeedbackItemFactory(title="Schedule LIVE battles")
    item.tickets.add(TicketFactory(network=network_a, requester=member_a))
    return item


def _status(client, item, **body):
    return client.post(f"/api/v1/feedback/{item.pk}/status/", body, format="json")


def test_a_new_status_without_confirm_is_refused_naming_who_is_e_mailed(
    api_as, manager, item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _status(api_as(manager), item, status="shipped", note="Live!")

    assert response.status_code == 409
    body = response.json()
    assert body["warnings"] == ["1 person who asked will be e-mailed (Alpha Agency)."]
    assert body["confirm"] == "send confirm=true to proceed"
    item.refresh_from_db()
    assert item.status == "new" and item.note != "Live!"
    assert not FeedbackStatusChange.objects.exists() and mail.outbox == []


def test_with_confirm_the_status_changes_and_the_networks_are_told(
    api_as, manager, item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _status(
            api_as(manager), item, status="shipped", note="Live!", confirm=True
        )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "shipped"
    assert FeedbackStatusChange.objects.count() == 1


def test_a_note_on_the_same_status_e_mails_nobody_and_needs_no_confirm(
    api_as, manager, item
):
    response = _status(api_as(manager), item, status="new", note="Still looking")
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.note == "Still looking"


def test_a_bad_status_is_a_400_before_any_question(api_as, manager, item):
    response = _status(api_as(manager), item, status="maybe")
    assert response.status_code == 400 and "status" in response.json()["errors"]


@pytest.mark.parametrize("who", ["intern", "member_a", "owner_a"])
def test_only_managers_even_with_confirm(request, api_as, who, item):
    response = _status(
        api_as(request.getfixturevalue(who)), item, status="shipped", confirm=True
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "new" and not FeedbackStatusChange.objects.exists()
