"""The network's own ticket list (portal and API) and the API text search: the same
number of queries whatever the number of tickets (exact, at two sizes)."""

import pytest

from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db


def _tickets(network, count, subject="Payout missing"):
    for n in range(count):
        TicketFactory(network=network, subject=f"{subject} {n}")


@pytest.mark.parametrize("count", [3, 30])
def test_the_networks_api_list_is_a_constant_number_of_queries(
    api_as, owner_a, network_a, network_b, count, django_assert_num_queries
):
    _tickets(network_a, count)
    _tickets(network_b, 2)
    client = api_as(owner_a)
    with django_assert_num_queries(3):  # network ids, count, page (with joins)
        response = client.get("/api/v1/tickets/", {"page_size": 50})
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_api_text_search_is_a_constant_number_of_queries(
    api_as, intern, network_a, count, django_assert_num_queries
):
    _tickets(network_a, count)
    _tickets(network_a, 4, subject="Cannot go LIVE")
    client = api_as(intern)
    with django_assert_num_queries(3):  # count, page, tags
        response = client.get(
            "/api/v1/tickets/", {"status": "new", "search": "payout", "page_size": 50}
        )
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_networks_portal_list_is_a_constant_number_of_queries(
    client_as, owner_a, network_a, count, django_assert_num_queries
):
    _tickets(network_a, count)
    client = client_as(owner_a)
    client.get("/tickets/")  # the session's first request loads the session
    with django_assert_num_queries(8):
        response = client.get("/tickets/")
    assert response.status_code == 200
