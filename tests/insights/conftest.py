from datetime import UTC, datetime, timedelta

import pytest

from insights.weeks import Week
from tests.tickets.factories import CategoryFactory, MessageFactory, TicketFactory

WEEK = Week.parse("2026-W10")  # Monday 2 March 2026


def at(week: Week, days: float = 1, hours: float = 10) -> datetime:
    """A moment inside ``week`` (UTC)."""
    return datetime.combine(week.monday, datetime.min.time(), tzinfo=UTC) + timedelta(
        days=days, hours=hours
    )


@pytest.fixture(autouse=True)
def _no_figure_cache(settings):
    """Figures are computed afresh in these tests (the cache has its own test)."""
    settings.HUB_INSIGHTS_CACHE_SECONDS = 0


@pytest.fixture
def known_tickets(network_a, network_b, member_a, member_b):
    """A fixed data set: W10 has 4 opened (3 payouts, 1 LIVE), 2 solved; W09 has 2
    opened; W03 has 1; one W10 ticket belongs to network B."""
    payouts = CategoryFactory(name="Payouts", slug="payouts")
    live = CategoryFactory(name="LIVE access", slug="live-access")
    made = []
    for days, category, network, requester in [
        (0, payouts, network_a, member_a),
        (1, payouts, network_a, member_a),
        (2, payouts, network_b, member_b),
        (3, live, network_a, member_a),
    ]:
        made.append(
            TicketFactory(
                network=network,
                requester=requester,
                category=category,
                created_at=at(WEEK, days),
            )
        )
    for ticket in made[:2]:
        ticket.status = "solved"
        ticket.resolved_at = at(WEEK, 4)
        ticket.save()
    # solved this week, opened the week before
    old = TicketFactory(network=network_a, category=live, created_at=at(WEEK.shift(-1)))
    old.status, old.resolved_at = "solved", at(WEEK, 5)
    old.save()
    TicketFactory(network=network_a, category=live, created_at=at(WEEK.shift(-1), 2))
    TicketFactory(network=network_a, created_at=at(WEEK.shift(-7)))
    TicketFactory(network=network_a, created_at=at(WEEK.shift(-8)))  # outside trend
    return made


__all__ = ["at", "WEEK", "MessageFactory"]
