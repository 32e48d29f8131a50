"""Each figure of the weekly update and the home panels on a fixed data set."""

import pytest
from django.db.models import Q

from core import cache
from faq.models import Deflection
from insights import selectors
from insights.filters import WeeklyFilter
from tests.faq.factories import ArticleFactory
from tests.insights.conftest import WEEK, at
from tests.insights.factories import RecurringGroupFactory
from tests.tickets.factories import TicketFactory
from tickets.models import Ticket

pytestmark = pytest.mark.django_db


def test_volume_counts_opened_and_solved_per_week_over_eight_weeks(known_tickets):
    volume = selectors.volume_section(week=WEEK, tickets=Ticket.objects.all())
    assert volume["weeks"][0] == "2026-W03" and volume["weeks"][-1] == "2026-W10"
    assert volume["opened"] == [1, 0, 0, 0, 0, 0, 2, 4]
    assert volume["solved"] == [0, 0, 0, 0, 0, 0, 0, 3]
    assert volume["this_week"] == 4 and volume["previous_week"] == 2
    assert volume["change_pct"] == 100


def test_volume_of_a_week_without_a_previous_one_has_no_change(known_tickets):
    volume = selectors.volume_section(week=WEEK.shift(-8), tickets=Ticket.objects.all())
    assert volume["this_week"] == 1 and volume["change_pct"] is None


def test_filtering_by_network_or_region_narrows_every_ticket_figure(
    known_tickets, network_b
):
    filterset = WeeklyFilter({"network": network_b.slug}, queryset=Ticket.objects.all())
    update = selectors.weekly_update(week=WEEK, filterset=filterset)
    assert update["volume"]["this_week"] == 1
    assert update["categories"]["rows"] == [{"name": "Payouts", "count": 1}]
    region = WeeklyFilter(
        {"region": network_b.region.code}, queryset=Ticket.objects.all()
    )
    assert (
        selectors.weekly_update(week=WEEK, filterset=region)["volume"]["this_week"] == 4
    )  # both networks share the region


def test_top_categories_of_the_week_most_tickets_first(known_tickets):
    rows = selectors.categories_section(week=WEEK, tickets=Ticket.objects.all())["rows"]
    assert rows == [
        {"name": "Payouts", "count": 3},
        {"name": "LIVE access", "count": 1},
    ]


def test_faq_section_counts_this_weeks_deflections_and_top_articles(member_a):
    popular = ArticleFactory(title="Payout dates")
    ArticleFactory(title="Quiet article")
    ArticleFactory(title="Draft", status="draft")
    type(popular).objects.filter(pk=popular.pk).update(view_count=40)
    for outcome in ("solved", "solved", "filed", "opened"):
        Deflection.objects.create(
            article=popular, user=member_a, outcome=outcome, created_at=at(WEEK)
        )
    Deflection.objects.create(
        article=popular, user=member_a, outcome="solved", created_at=at(WEEK.shift(1))
    )
    faq = selectors.faq_section(week=WEEK)
    assert (faq["opened"], faq["solved"], faq["filed"]) == (4, 2, 1)
    assert faq["deflection_rate"] == 50
    assert [a["title"] for a in faq["top_articles"]] == [
        "Payout dates",
        "Quiet article",
    ]
    assert faq["top_articles"][0]["view_count"] == 40


def test_recurring_section_lists_the_largest_groups_first():
    RecurringGroupFactory(label="small", size=3)
    RecurringGroupFactory(label="large", size=9)
    labels = [g.label for g in selectors.recurring_section()["groups"]]
    assert labels == ["large", "small"]


def test_every_section_is_filled_now_that_its_app_is_there(known_tickets):
    update = selectors.weekly_update(week=WEEK)
    for name in ("sla", "onboarding", "campaigns"):
        assert update[name] is not None, name


def test_a_section_whose_app_is_missing_degrades_to_none(known_tickets, monkeypatch):
    from insights.selectors import weekly

    monkeypatch.setattr(weekly, "optional", lambda module: None)
    update = selectors.weekly_update(week=WEEK)
    assert (update["sla"], update["onboarding"], update["campaigns"]) == (
        None,
        None,
        None,
    )
    assert update["volume"]["this_week"] == 4


def test_networks_with_many_active_tickets_need_attention(network_a, network_b):
    for _ in range(selectors.ATTENTION_OPEN_TICKETS):
        TicketFactory(network=network_a, status="open")
    TicketFactory(network=network_a, status="solved")
    for _ in range(selectors.ATTENTION_OPEN_TICKETS - 1):
        TicketFactory(network=network_b, status="new")
    rows = selectors.networks_needing_attention()
    assert rows == [
        {
            "name": network_a.name,
            "slug": network_a.slug,
            "reasons": [
                {"code": "open_tickets", "active": selectors.ATTENTION_OPEN_TICKETS}
            ],
        }
    ]


def test_week_at_a_glance_compares_with_last_week(known_tickets):
    glance = selectors.week_at_a_glance(week=WEEK)
    assert (glance["this_week"], glance["last_week"]) == (4, 2)


def test_the_weekly_update_costs_a_constant_number_of_queries(
    known_tickets, django_assert_num_queries
):
    # volume 2, categories 1, recurring 1, faq 2, service 9, onboarding 2, campaigns 1
    # (3 when campaigns run: the running ones, their figures, networks reporting)
    with django_assert_num_queries(18):
        selectors.weekly_update(week=WEEK)
    for i in range(30):
        TicketFactory(created_at=at(WEEK, i % 7))
    with django_assert_num_queries(18):
        selectors.weekly_update(week=WEEK)
    assert Ticket.objects.filter(~Q(created_at=None)).count() > 30


def test_the_weekly_update_is_cached_briefly_per_week_and_filter(
    known_tickets, settings, django_assert_num_queries
):
    from django.core.cache import cache as django_cache

    django_cache.clear()
    settings.HUB_INSIGHTS_CACHE_SECONDS = 60
    first = selectors.weekly_update(week=WEEK)
    with django_assert_num_queries(0):
        again = selectors.weekly_update(week=WEEK)
    assert again["volume"] == first["volume"]
    other = selectors.weekly_update(week=WEEK.shift(-1))
    assert other["volume"]["this_week"] == 2
    # recomputing the recurring groups makes the next read fresh (18 queries: no
    # campaign runs in the known data, so campaign figures are not asked for)
    cache.INSIGHTS.invalidate()
    with django_assert_num_queries(18):
        selectors.weekly_update(week=WEEK)
    django_cache.clear()


def test_campaign_figures_of_the_week_roll_up_by_metric(network_a, network_b):
    from decimal import Decimal

    from tests.campaigns.factories import MetricFactory, enrolled_campaign

    campaign = enrolled_campaign(network_a, network_b, name="March LIVE")
    enrolled_campaign(network_a, name="Draft one", status="draft")
    for network, day, metric, value in [
        (network_a, 2, "live_hours", "10"),
        (network_a, 3, "live_hours", "5"),
        (network_b, 4, "live_hours", "7"),
        (network_a, 2, "peak_viewers", "300"),
        (network_b, 3, "peak_viewers", "900"),
        (network_a, 9, "live_hours", "99"),  # next week
    ]:
        MetricFactory(
            campaign=campaign,
            network=network,
            date=WEEK.monday.replace(day=day),
            metric=metric,
            value=Decimal(value),
        )
    section = selectors.campaigns_section(week=WEEK)
    assert [c.name for c in section["campaigns"]] == ["March LIVE"]
    figures = {f["code"]: (f["value"], f["networks"]) for f in section["figures"]}
    assert figures == {"live_hours": (22, 2), "peak_viewers": (900, 2)}
    only_a = selectors.campaigns_section(week=WEEK, network=network_a)
    assert {f["code"]: f["value"] for f in only_a["figures"]} == {
        "live_hours": 15,
        "peak_viewers": 300,
    }
