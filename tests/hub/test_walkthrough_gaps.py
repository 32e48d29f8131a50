"""Issue 17's walk-through at 390 and 1280 px as manager, member and intern: lists
whose filters matched nothing said "nothing yet" (and offered no way back), and the
tickets' sort options were field names ("Id", "Sla due")."""

import pytest

pytestmark = pytest.mark.django_db


def test_filtered_empty_content_says_so_and_offers_to_clear(client_as, member_a):
    text = client_as(member_a).get("/content/", {"network": "nobody"}).content.decode()
    assert "No content matches these filters." in text
    assert 'href="/content/">Clear filters' in text
    assert "No content yet" not in text
    plain = client_as(member_a).get("/content/").content.decode()
    assert "No content yet" in plain and "Clear filters" not in plain


def test_filtered_empty_feature_tests_say_so_to_a_manager(client_as, manager):
    text = client_as(manager).get("/programmes/", {"q": "nothing"}).content.decode()
    assert "No feature tests match these filters." in text
    assert 'href="/programmes/">Clear filters' in text
    plain = client_as(manager).get("/programmes/").content.decode()
    assert "No feature tests yet. Create one" in plain


def test_a_network_without_feature_tests_is_not_told_its_filters_failed(
    client_as, member_a
):
    text = client_as(member_a).get("/programmes/").content.decode()
    assert "No feature tests yet." in text and "match these filters" not in text


def test_campaigns_empty_with_and_without_filters(client_as, manager):
    assert "No campaigns yet." in client_as(manager).get("/campaigns/").content.decode()
    text = client_as(manager).get("/campaigns/", {"q": "nothing"}).content.decode()
    assert "No campaigns match these filters." in text
    assert 'href="/campaigns/">Clear filters' in text


def test_the_ticket_sort_options_are_named_for_people(client_as, member_a):
    text = client_as(member_a).get("/tickets/").content.decode()
    assert ">SLA due<" in text and ">Network replied<" in text
    assert "Sla due" not in text and ">Id<" not in text
