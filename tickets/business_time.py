"""Business-time arithmetic for SLA due times: pure, no database access.

A :class:`Calendar` is the support team's working time: a time zone, the working
weekdays, the daily hours and the holidays (local dates).

Time zones and daylight saving: every working window is built in the calendar's
*local wall-clock* time (``09:00``–``17:00`` stays ``09:00``–``17:00`` on both sides of a
clock change) and converted to UTC; durations are then counted in *real elapsed
time* inside those windows. So a window on a day whose clock jumps forward inside
working hours is an hour shorter, and one that jumps back is an hour longer — the
team really works that long. A local time that does not exist (skipped by a
spring-forward jump) resolves to the moment after the jump; an ambiguous one (the
repeated hour) to its first occurrence. All inputs must be aware datetimes; all
results are aware datetimes in UTC.

An ``end`` of ``00:00`` means midnight at the end of the day, so a round-the-clock
calendar is ``start=00:00, end=00:00`` with all seven weekdays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

UTC = dt.UTC
MAX_DAYS = 3 * 366  # a calendar with no working time left in three years is broken


@dataclass(frozen=True)
class Calendar:
    time_zone: str = "UTC"
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)
    holidays: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.weekdays:
            raise ValueError("A calendar needs at least one working weekday.")
        if self.end != dt.time(0) and self.end <= self.start:
            raise ValueError("Working hours must end after they start.")
        ZoneInfo(self.time_zone)  # raises for an unknown zone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def _to_utc(local_day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall-clock time.

    ``fold=0`` reads a skipped time (spring forward) with the offset from before the
    jump, which lands after the gap, and a repeated time (fall back) as its first
    occurrence — exactly the rules in the module docstring.
    """
    return (
        dt.datetime.combine(local_day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)
    )


def _windows(
    calendar: Calendar, since: dt.datetime
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Working windows (UTC start, UTC end) from the local day of ``since`` onwards."""
    zone = calendar.zone
    day = since.astimezone(zone).date() - dt.timedelta(
        days=1
    )  # a window may span midnight UTC
    for _ in range(MAX_DAYS):
        if day.weekday() in calendar.weekdays and day not in calendar.holidays:
            opens = _to_utc(day, calendar.start, zone)
            if calendar.end == dt.time(0):
                closes = _to_utc(day + dt.timedelta(days=1), dt.time(0), zone)
            else:
                closes = _to_utc(day, calendar.end, zone)
            if closes > since:
                yield max(opens, since), closes
        day += dt.timedelta(days=1)
    raise ValueError("The calendar has no working time in the next three years.")


def _require_aware(*moments: dt.datetime) -> None:
    for moment in moments:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(
                "Business-time arithmetic needs time-zone-aware datetimes."
            )


def add_business_time(
    calendar: Calendar, start: dt.datetime, duration: dt.timedelta
) -> dt.datetime:
    """The moment ``duration`` of working time after ``start``.

    A ticket created outside working hours starts its clock when work next begins;
    a zero duration gives that first working moment.
    """
    _require_aware(start)
    if duration < dt.timedelta(0):
        raise ValueError("A business-time duration cannot be negative.")
    remaining = duration
    for opens, closes in _windows(calendar, start.astimezone(UTC)):
        available = closes - opens
        if remaining <= available:
            return opens + remaining
        remaining -= available
    raise AssertionError("unreachable")  # _windows raises first


def business_time_between(
    calendar: Calendar, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    """Working time elapsed from ``start`` to ``end`` (negative when end < start)."""
    _require_aware(start, end)
    if end < start:
        return -business_time_between(calendar, end, start)
    total = dt.timedelta(0)
    end = end.astimezone(UTC)
    for opens, closes in _windows(calendar, start.astimezone(UTC)):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


def is_business_time(calendar: Calendar, at: dt.datetime) -> bool:
    _require_aware(at)
    opens, _closes = next(_windows(calendar, at.astimezone(UTC)))
    return opens <= at.astimezone(UTC)


def holidays_from(dates: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(dates)
