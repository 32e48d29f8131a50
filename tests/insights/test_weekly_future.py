"""Issue 17: the weekly update paged into future weeks and showed "-100 %"."""

import pytest
from django.utils import timezone

from core.periods import Week
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def this_week() -> Week:
    return Week.of(timezone.localdate())


def test_the_current_week_offers_no_next_link(client_as, manager):
    page = client_as(manager).get("/hub/weekly/").content.decode()
    assert 'rel="prev"' in page
    assert 'rel="next"' not in page
    assert str(this_week().shift(1)) not in page


def test_a_past_week_links_to_the_next_one(client_as, manager):
    week = this_week().shift(-2)
    page = client_as(manager).get("/hub/weekly/", {"week": str(week)})
    assert f'week={week.shift(1)}" rel="next"' in page.content.decode()


def test_a_future_week_redirects_to_this_week_keeping_the_filters(client_as, manager):
    future = this_week().shift(3)
    response = client_as(manager).get(
        "/hub/weekly/", {"week": str(future), "network": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/hub/weekly/?network=1"


def test_a_week_after_an_empty_one_shows_a_dash_not_a_percentage(client_as, manager):
    TicketFactory()  # opened this week; nothing the week before
    page = client_as(manager).get("/hub/weekly/").content.decode()
    assert "vs previous week" in page
    assert "— vs previous week" in page
    assert "-100" not in page
