"""SLA due times in business hours: a table of tricky cases (issue 5)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tickets.business_time import (
    Calendar,
    add_business_time,
    business_time_between,
    is_business_time,
)

SYD = "Australia/Sydney"
SYDNEY = Calendar(
    time_zone=SYD,
    holidays=frozenset(
        {
            dt.date(2026, 12, 25),
            dt.date(2026, 12, 28),  # Boxing Day observed
            dt.date(2027, 1, 1),
            dt.date(2027, 1, 26),
        }
    ),
)
LONDON_24_7 = Calendar(
    time_zone="Europe/London",
    weekdays=frozenset(range(7)),
    start=dt.time(0),
    end=dt.time(0),
)
LONDON_NIGHT = Calendar(
    time_zone="Europe/London",
    weekdays=frozenset(range(7)),
    start=dt.time(1),
    end=dt.time(5),
)
NEW_YORK = Calendar(time_zone="America/New_York")


def local(zone: str, text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)

# (case, calendar, start, duration, expected due) — times local to the calendar
CASES = [
    ("within the day", SYDNEY, "2026-11-30 10:00", 2 * H, "2026-11-30 12:00"),
    (
        "rolls to the next morning",
        SYDNEY,
        "2026-11-30 16:00",
        2 * H,
        "2026-12-01 10:00",
    ),
    ("skips the weekend", SYDNEY, "2026-11-27 16:00", 2 * H, "2026-11-30 10:00"),
    ("created on a Saturday", SYDNEY, "2026-11-28 11:00", 1 * H, "2026-11-30 10:00"),
    ("created before opening", SYDNEY, "2026-11-30 07:00", 1 * H, "2026-11-30 10:00"),
    ("created after closing", SYDNEY, "2026-11-30 18:00", 1 * H, "2026-12-01 10:00"),
    (
        "created exactly at closing",
        SYDNEY,
        "2026-11-30 17:00",
        1 * H,
        "2026-12-01 10:00",
    ),
    ("fills a day exactly", SYDNEY, "2026-11-30 09:00", 8 * H, "2026-11-30 17:00"),
    (
        "one minute past a full day",
        SYDNEY,
        "2026-11-30 09:00",
        8 * H + M,
        "2026-12-01 09:01",
    ),
    ("a working week", SYDNEY, "2026-11-30 09:00", 40 * H, "2026-12-04 17:00"),
    ("a week and a minute", SYDNEY, "2026-11-30 09:00", 40 * H + M, "2026-12-07 09:01"),
    (
        "over Christmas and Boxing Day observed",
        SYDNEY,
        "2026-12-24 16:00",
        2 * H,
        "2026-12-29 10:00",
    ),
    ("over New Year's Day", SYDNEY, "2026-12-31 12:00", 8 * H, "2027-01-04 12:00"),
    ("created on a holiday", SYDNEY, "2026-12-25 10:00", 1 * H, "2026-12-29 10:00"),
    (
        "zero on a Saturday waits for Monday",
        SYDNEY,
        "2026-11-28 12:00",
        0 * H,
        "2026-11-30 09:00",
    ),
    (
        "Sydney clocks go forward over the weekend",
        SYDNEY,
        "2026-10-02 16:00",
        2 * H,
        "2026-10-05 10:00",
    ),
    (
        "Sydney clocks go back over the weekend",
        SYDNEY,
        "2027-04-02 16:00",
        2 * H,
        "2027-04-05 10:00",
    ),
    (
        "24/7 across London spring-forward",
        LONDON_24_7,
        "2027-03-27 12:00",
        24 * H,
        "2027-03-28 13:00",
    ),
    (
        "24/7 across London fall-back",
        LONDON_24_7,
        "2026-10-24 12:00",
        24 * H,
        "2026-10-25 11:00",
    ),
    (
        "hours that start in the skipped hour",
        LONDON_NIGHT,
        "2027-03-28 00:00",
        3 * H,
        "2027-03-28 05:00",
    ),
    (
        "skipped hour is not worked",
        LONDON_NIGHT,
        "2027-03-28 00:00",
        3 * H + M,
        "2027-03-29 01:01",
    ),
    (
        "New York morning before opening",
        NEW_YORK,
        "2026-11-30 08:30",
        30 * M,
        "2026-11-30 09:30",
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_due_times_in_business_hours(calendar, start, duration, expected):
    due = add_business_time(calendar, local(calendar.time_zone, start), duration)
    assert due == local(calendar.time_zone, expected)
    assert due.tzinfo == dt.UTC


def test_weekend_clock_change_shortens_real_time_not_business_time():
    start = local(SYD, "2026-10-02 16:00")
    due = add_business_time(SYDNEY, start, 2 * H)
    assert due - start == 65 * H  # 66 wall-clock hours, one of them skipped
    assert business_time_between(SYDNEY, start, due) == 2 * H


def test_start_given_in_utc_is_read_in_the_calendar_zone():
    start = dt.datetime(2026, 11, 30, 13, 30, tzinfo=dt.UTC)  # 08:30 in New York
    assert add_business_time(NEW_YORK, start, 30 * M) == dt.datetime(
        2026, 11, 30, 14, 30, tzinfo=dt.UTC
    )


BETWEEN = [
    ("over a weekend", SYDNEY, "2026-11-27 16:00", "2026-11-30 10:00", 2 * H),
    ("over Christmas", SYDNEY, "2026-12-24 16:00", "2026-12-29 10:00", 2 * H),
    ("inside one window", SYDNEY, "2026-11-30 10:00", "2026-11-30 10:45", 45 * M),
    ("entirely outside hours", SYDNEY, "2026-11-28 10:00", "2026-11-29 23:00", 0 * H),
    (
        "24/7 over fall-back is real time",
        LONDON_24_7,
        "2026-10-24 12:00",
        "2026-10-25 11:00",
        24 * H,
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [case[1:] for case in BETWEEN],
    ids=[case[0] for case in BETWEEN],
)
def test_business_time_between(calendar, start, end, expected):
    zone = calendar.time_zone
    assert (
        business_time_between(calendar, local(zone, start), local(zone, end))
        == expected
    )
    assert (
        business_time_between(calendar, local(zone, end), local(zone, start))
        == -expected
    )


def test_pausing_keeps_the_remaining_time_for_after_resuming():
    # given a 4-hour target from Monday 10:00, paused (pending) at 12:00
    created = local(SYD, "2026-11-30 10:00")
    due = add_business_time(SYDNEY, created, 4 * H)
    paused_at = local(SYD, "2026-11-30 12:00")
    remaining = business_time_between(SYDNEY, paused_at, due)
    # when the network replies on Wednesday at 16:00
    resumed_at = local(SYD, "2026-12-02 16:00")
    # then the two hours left run from then: one on Wednesday, one on Thursday
    assert remaining == 2 * H
    assert add_business_time(SYDNEY, resumed_at, remaining) == local(
        SYD, "2026-12-03 10:00"
    )


@pytest.mark.parametrize(
    ("at", "working"),
    [
        ("2026-11-30 09:00", True),
        ("2026-11-30 16:59", True),
        ("2026-11-30 17:00", False),
        ("2026-11-30 08:59", False),
        ("2026-11-28 12:00", False),
        ("2026-12-25 12:00", False),
    ],
)
def test_is_business_time(at, working):
    assert is_business_time(SYDNEY, local(SYD, at)) is working


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        add_business_time(SYDNEY, dt.datetime(2026, 11, 30, 10), H)


def test_negative_durations_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_business_time(SYDNEY, local(SYD, "2026-11-30 10:00"), -H)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weekdays": frozenset()},
        {"start": dt.time(17), "end": dt.time(9)},
        {"time_zone": "Mars/Olympus_Mons"},
    ],
)
def test_impossible_calendars_are_refused(kwargs):
    with pytest.raises((ValueError, KeyError)):
        Calendar(**kwargs)


def test_a_calendar_that_is_all_holidays_fails_clearly():
    start = dt.date(2026, 1, 1)
    every_day = frozenset(start + dt.timedelta(days=n) for n in range(4 * 366))
    calendar = Calendar(time_zone=SYD, holidays=every_day)
    with pytest.raises(ValueError, match="no working time"):
        add_business_time(calendar, local(SYD, "2026-01-05 10:00"), H)
