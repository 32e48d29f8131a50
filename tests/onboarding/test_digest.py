import datetime as dt

import pytest

from onboarding.digest import build_digest, format_duration
from onboarding.periods import parse_month
from tests.onboarding.factories import AnnouncementFactory
from tests.tickets.factories import TicketFactory

pytestmark = pytest.mark.django_db

OCT = parse_month("2026-10")


def _at(day, hour=9):
    return dt.datetime(2026, 10, day, hour, tzinfo=dt.UTC)


def _sections(network, member):
    digest = build_digest(network, member, OCT)
    return {section["template"]: section for section in digest["sections"]}


def test_tickets_section_counts_the_month_and_takes_the_median_first_response(
    network_a, network_b, member_a
):
    for day, hours in ((2, 1), (3, 3), (4, 8)):
        TicketFactory(
            network=network_a,
            created_at=_at(day),
            first_response_at=_at(day) + dt.timedelta(hours=hours),
        )
    TicketFactory(network=network_a, created_at=_at(5))  # no response yet
    TicketFactory(
        network=network_a,
        created_at=dt.datetime(2026, 9, 28, tzinfo=dt.UTC),
        resolved_at=_at(6),
        status="solved",
    )
    TicketFactory(network=network_b, created_at=_at(7))  # another network
    TicketFactory(network=network_a, created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))

    section = _sections(network_a, member_a)["tickets"]
    assert (section["opened"], section["solved"]) == (4, 1)
    assert section["median_first_response"] == "3 h 00 min"


def test_quiet_network_gets_no_tickets_section(network_a, member_a):
    assert "tickets" not in _sections(network_a, member_a)


def test_sections_come_in_order_and_per_network_ones_are_computed_once(
    network_a, member_a, owner_a, django_assert_num_queries
):
    TicketFactory(network=network_a, created_at=_at(2))
    AnnouncementFactory(published_at=_at(3))
    memo = {}
    first = build_digest(network_a, member_a, OCT, memo=memo)
    assert [s["template"] for s in first["sections"]] == ["tickets", "announcements"]
    with django_assert_num_queries(0):
        build_digest(network_a, owner_a, OCT, memo=memo)


def test_durations_read_naturally():
    assert format_duration(None) == "—"
    assert format_duration(dt.timedelta(minutes=42)) == "42 min"
    assert format_duration(dt.timedelta(days=3)) == "3 days"
