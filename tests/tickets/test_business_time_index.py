"""The indexed business-time arithmetic agrees with walking the working windows
day by day (the definition, kept here as the oracle) on random moments, across
DST changes, holidays, round-the-clock and odd calendars."""

import datetime as dt
import random

import pytest

from tickets.business_time import (
    Calendar,
    _windows,
    add_business_time,
    business_time_between,
)

UTC = dt.UTC

CALENDARS = [
    Calendar(
        time_zone="Australia/Sydney",
        holidays=frozenset({dt.date(2026, 4, 3), dt.date(2026, 4, 6)}),
    ),
    Calendar(time_zone="Europe/Berlin", start=dt.time(8, 30), end=dt.time(16)),
    Calendar(
        time_zone="America/New_York",
        weekdays=frozenset(range(7)),
        start=dt.time(0),
        end=dt.time(0),
    ),
    Calendar(
        time_zone="UTC", weekdays=frozenset({2}), start=dt.time(22), end=dt.time(23)
    ),
]


def walk_add(calendar, start, duration):
    remaining = duration
    for opens, closes in _windows(calendar, start.astimezone(UTC)):
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
    raise AssertionError


def walk_between(calendar, start, end):
    if end < start:
        return -walk_between(calendar, end, start)
    total = dt.timedelta(0)
    for opens, closes in _windows(calendar, start.astimezone(UTC)):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


def outcome(func, *args):
    try:
        return func(*args)
    except ValueError as exc:  # both refuse a calendar with no time left
        return str(exc)


@pytest.mark.parametrize("calendar", CALENDARS, ids=lambda c: c.time_zone)
def test_the_index_agrees_with_walking_the_days(calendar):
    rng = random.Random(16)
    base = dt.datetime(2025, 12, 20, tzinfo=UTC)
    for _ in range(400):
        start = base + dt.timedelta(seconds=rng.randrange(0, 500 * 86400))
        duration = dt.timedelta(
            minutes=rng.choice([0, 1, 60, 8 * 60, 40 * 60, 80 * 60, 7 * 24 * 60])
        )
        assert outcome(add_business_time, calendar, start, duration) == outcome(
            walk_add, calendar, start, duration
        )
        end = start + dt.timedelta(seconds=rng.randrange(-40 * 86400, 90 * 86400))
        assert business_time_between(calendar, start, end) == walk_between(
            calendar, start, end
        )


def test_window_edges_are_exact():
    sydney = CALENDARS[0]
    # Monday 2 March 2026, 09:00 Sydney (AEDT) is 22:00 UTC the day before
    opens = dt.datetime(2026, 3, 1, 22, tzinfo=UTC)
    assert add_business_time(
        sydney, opens, dt.timedelta(hours=8)
    ) == opens + dt.timedelta(hours=8)  # exactly at closing, not the next morning
    assert (
        add_business_time(sydney, opens - dt.timedelta(hours=5), dt.timedelta(0))
        == opens
    )
    assert business_time_between(sydney, opens, opens + dt.timedelta(days=1)) == (
        dt.timedelta(hours=8)
    )
