from datetime import UTC, datetime, timedelta

import pytest

from core.periods import Week
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


HOUR = 3600


@pytest.fixture
def service_tickets(network_a, network_b):
    """Tickets first answered, resolved and rated in W10 with known business-hour
    durations. All networks: first responses 1, 2, 3, 5 h (median 2.5 h), one late;
    resolutions 4, 6, 8, 10 h (median 7 h), one late; ratings 5, 4, 2, 1 (average 3,
    50 % positive). Network A alone: the first three (medians 2 h and 6 h, 2 of 3 on
    time each, ratings average 3.67). One ticket of W09 is outside the week."""
    from tickets.models import SatisfactionRating

    rows = [
        # network, priority, first h, resolution h, first late, resolution late, score
        (network_a, "urgent", 1, 4, False, False, 5),
        (network_a, "urgent", 2, 6, True, False, 4),
        (network_a, "normal", 3, 8, False, True, 2),
        (network_b, "normal", 5, 10, False, False, 1),
    ]
    made = []
    for network, priority, first, resolution, first_late, res_late, score in rows:
        ticket = TicketFactory(
            network=network,
            priority=priority,
            status="solved",
            created_at=at(WEEK, 0),
            first_response_at=at(WEEK, 1),
            first_response_due_at=at(WEEK, 1),
            first_response_business_seconds=first * HOUR,
            first_response_breached_at=at(WEEK, 1) if first_late else None,
            resolved_at=at(WEEK, 2),
            resolution_due_at=at(WEEK, 2),
            resolution_business_seconds=resolution * HOUR,
            resolution_breached_at=at(WEEK, 2) if res_late else None,
        )
        SatisfactionRating.objects.create(
            ticket=ticket, score=score, created_at=at(WEEK, 3)
        )
        made.append(ticket)
    before = TicketFactory(
        network=network_a,
        status="solved",
        created_at=at(WEEK.shift(-1)),
        first_response_at=at(WEEK.shift(-1), 1),
        first_response_due_at=at(WEEK.shift(-1), 1),
        first_response_business_seconds=100 * HOUR,
        first_response_breached_at=at(WEEK.shift(-1), 1),
        resolved_at=at(WEEK.shift(-1), 2),
        resolution_due_at=at(WEEK.shift(-1), 2),
        resolution_business_seconds=100 * HOUR,
    )
    SatisfactionRating.objects.create(
        ticket=before, score=1, created_at=at(WEEK.shift(-1), 3)
    )
    return made


__all__ = ["at", "WEEK", "MessageFactory"]
