"""The header's search (``/hub/search/?q=``): tickets, networks, people and
articles, grouped, each person finding only what they may open."""

import pytest
from django.urls import reverse

from tests.faq.factories import ArticleFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db

URL = reverse("hub:search")


@pytest.fixture
def world(network_a, network_b, member_a, member_b):
    return {
        "ours": TicketFactory(
            network=network_a, subject="Payout late for Skylar", status="solved"
        ),
        "theirs": TicketFactory(network=network_b, subject="Payout late for Rowan"),
        "draft": ArticleFactory(title="Payout calendar draft", status="draft"),
        "guide": ArticleFactory(title="Payout calendar"),
    }


def _results(client_as, user, query):
    response = client_as(user).get(URL, {"q": query})
    assert response.status_code == 200
    return response.context["results"]


def test_staff_find_every_networks_tickets_people_and_drafts(
    client_as, intern, world, member_b
):
    results = _results(client_as, intern, "payout")
    assert {t.pk for t in results.tickets} == {world["ours"].pk, world["theirs"].pk}
    assert {a.pk for a in results.articles} == {world["draft"].pk, world["guide"].pk}
    people = _results(client_as, intern, member_b.email)
    assert [p.pk for p in people.people] == [member_b.pk]


def test_a_network_member_finds_only_their_own_networks_things(
    client_as, member_a, member_b, network_a, network_b, world
):
    results = _results(client_as, member_a, "payout")
    assert [t.pk for t in results.tickets] == [world["ours"].pk]  # solved ones too
    assert [a.pk for a in results.articles] == [world["guide"].pk]  # no drafts
    assert _results(client_as, member_a, network_b.name).networks == []
    assert [n.pk for n in _results(client_as, member_a, network_a.name).networks] == [
        network_a.pk
    ]
    # members never look up other accounts, not even their own network's
    assert _results(client_as, member_a, member_b.email).people == []
    assert _results(client_as, member_a, member_a.email).people == []


def test_another_networks_ticket_does_not_show_by_reference_either(
    client_as, member_b, world
):
    results = _results(client_as, member_b, world["ours"].reference)
    assert results.tickets == []
    html = client_as(member_b).get(URL, {"q": world["ours"].reference}).content
    assert b"results-tickets" not in html and world["ours"].subject.encode() not in html


def test_anonymous_people_are_sent_to_sign_in(client, world):
    response = client.get(URL, {"q": "payout"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_short_query_asks_for_more_and_searches_nothing(
    client_as, intern, world, django_assert_num_queries
):
    browser = client_as(intern)
    browser.get(URL)  # the session's first request
    # session, user, groups: no search of tickets, networks, people or articles
    with django_assert_num_queries(3):
        response = browser.get(URL, {"q": "p"})
    assert response.context["results"].empty
    assert "Type at least 2 characters" in response.content.decode()


@pytest.mark.parametrize("count", [2, 12])
def test_the_search_is_a_constant_number_of_queries(
    client_as, intern, network_a, count, django_assert_num_queries
):
    for n in range(count):
        TicketFactory(network=network_a, subject=f"Payout question {n}")
        ArticleFactory(title=f"Payout guide {n}")
    browser = client_as(intern)
    browser.get(URL)  # the session's first request
    # session, user, groups, tickets, networks, people (+ their memberships
    # only when someone matches: none here), articles
    with django_assert_num_queries(7):
        response = browser.get(URL, {"q": "payout"})
    assert len(response.context["results"].tickets) == min(count, 10)


def test_the_header_has_the_search_box_on_every_page(client_as, member_a, intern):
    for user in (member_a, intern):
        html = client_as(user).get("/").content.decode()
        assert 'id="global-search-q"' in html
    staff_html = client_as(intern).get("/").content.decode()
    assert 'id="shortcut-sheet"' in staff_html and "js/keyboard.js" in staff_html
    member_html = client_as(member_a).get("/").content.decode()
    assert "js/keyboard.js" not in member_html
