import csv
import io

import pytest
from django.urls import reverse

from programmes.models import Application, CheckIn
from programmes.services import current_week
from tests.hub.factories import MembershipFactory, NetworkFactory
from tests.programmes.factories import documented, feature_test, running_test

pytestmark = pytest.mark.django_db


def _exact_queries(browser, url, django_assert_num_queries, n):
    browser.get(url)  # warm per-session caches
    with django_assert_num_queries(n):
        return browser.get(url)


@pytest.mark.parametrize("size", [3, 12])
def test_the_list_page_costs_the_same_queries_at_two_sizes_for_a_manager(
    client_as, manager, django_assert_num_queries, size
):
    networks = [NetworkFactory() for _ in range(2)]
    for i in range(size):
        running_test(*networks, name=f"Beta {i}", owner=manager)
    response = _exact_queries(
        client_as(manager), reverse("programmes:list"), django_assert_num_queries, 5
    )
    assert len(response.context["page_obj"]) == size
    assert b"2 / 5" in response.content


@pytest.mark.parametrize("size", [3, 12])
def test_the_list_page_costs_the_same_queries_at_two_sizes_for_a_network(
    client_as, member_a, network_a, django_assert_num_queries, size
):
    for i in range(size):
        running_test(network_a, name=f"Mine {i}")
        feature_test(name=f"Open {i}").regions.add(network_a.region)
    running_test(NetworkFactory(), name="Someone else's")
    response = _exact_queries(
        client_as(member_a), reverse("programmes:list"), django_assert_num_queries, 9
    )
    names = {t.name for t in response.context["page_obj"]}
    assert len(names) == 2 * size and "Someone else's" not in names


@pytest.mark.parametrize("extra", [0, 3])
def test_the_test_page_costs_the_same_queries_however_many_networks_a_member_has(
    client_as, member_a, network_a, django_assert_num_queries, extra
):
    for _ in range(extra):
        MembershipFactory(user=member_a, network=NetworkFactory(), role="member")
    test = feature_test(name="Open")
    test.regions.add(network_a.region)
    response = _exact_queries(
        client_as(member_a), test.get_absolute_url(), django_assert_num_queries, 12
    )
    assert network_a in response.context["can_apply"]


def test_a_network_sees_its_tests_and_recruiting_ones_it_is_eligible_for(
    client_as, member_a, network_a
):
    mine = running_test(network_a, name="Mine")
    feature_test(name="Open to all")
    feature_test(name="Premier only", tiers=["premier"])
    running_test(NetworkFactory(), name="Running elsewhere")
    browser = client_as(member_a)
    names = {t.name for t in browser.get("/programmes/").context["page_obj"]}
    assert names == {"Mine", "Open to all"}
    page = browser.get(mine.get_absolute_url())
    assert page.status_code == 200
    assert reverse("programmes:checkin", args=[mine.pk]).encode() in page.content
    assert b"Export check-ins" not in page.content  # the report is staff's


def test_closing_asks_for_confirmation_first(client_as, manager, network_a):
    test = documented(running_test(network_a, owner=manager))
    browser = client_as(manager)
    url = reverse("programmes:transition", args=[test.pk])
    page = browser.post(url, {"to": "closed"})
    assert page.status_code == 200 and b"Closing is final" in page.content
    test.refresh_from_db()
    assert test.status == "running"
    browser.post(url, {"to": "closed", "confirm": "yes"})
    test.refresh_from_db()
    assert test.status == "closed"


def test_a_refused_close_says_why_and_changes_nothing(client_as, manager, network_a):
    test = running_test(network_a, owner=manager)
    browser = client_as(manager)
    response = browser.post(
        reverse("programmes:transition", args=[test.pk]),
        {"to": "closed", "confirm": "yes"},
        follow=True,
    )
    assert b"Finish the documentation first" in response.content
    test.refresh_from_db()
    assert test.status == "running"


def test_a_refused_check_in_keeps_what_was_typed(client_as, member_a, network_a):
    test = running_test(network_a)
    response = client_as(member_a).post(
        reverse("programmes:checkin", args=[test.pk]),
        {"rating": "2", "works": "no", "comment": "Laggy on Android"},
    )
    assert response.status_code == 200
    assert "Tell us what does not work" in response.content.decode()
    assert b"Laggy on Android" in response.content
    assert not CheckIn.objects.exists()


def test_the_product_csv_holds_every_check_in_and_neutralises_formulas(
    client_as, manager, intern, member_a, network_a, network_b
):
    test = running_test(network_a, network_b, owner=manager)
    week = str(current_week())
    rows = [
        (network_a, week, 4, True, "", "Great"),
        (network_b, week, 2, False, '=HYPERLINK("http://x")', "-1 for audio"),
        (network_a, "2026-W01", 5, True, "", ""),
    ]
    for network, w, rating, works, issues, comment in rows:
        CheckIn.objects.create(
            feature_test=test,
            network=network,
            week=w,
            rating=rating,
            works=works,
            issues=issues,
            comment=comment,
        )
    response = client_as(intern).get(reverse("programmes:export", args=[test.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][:4] == ["feature_test", "week", "network", "rating"]
    assert len(table) == 1 + len(rows)
    bad = next(r for r in table if r[2] == "Bravo Talent")
    assert bad[5] == '\'=HYPERLINK("http://x")' and bad[6] == "'-1 for audio"
    assert bad[3] == "2" and bad[4] == "no"


def test_the_report_shows_participation_rate_and_ratings_chart(
    client_as, manager, network_a, network_b
):
    test = running_test(network_a, network_b, owner=manager, capacity=4)
    Application.objects.create(feature_test=test, network=NetworkFactory())
    CheckIn.objects.create(
        feature_test=test,
        network=network_a,
        week=str(current_week()),
        rating=4,
        works=True,
        comment="Smooth",
    )
    page = client_as(manager).get(test.get_absolute_url())
    report = page.context["report"]
    assert (report["accepted"], report["applied"], report["capacity"]) == (2, 1, 4)
    assert b'aria-label="Average rating by week' in page.content
    assert "Smooth" in page.content.decode()
