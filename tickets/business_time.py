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

import bisect
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
        if moment.tzinfo is UTC:
            continue
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(
                "Business-time arithmetic needs time-zone-aware datetimes."
            )


class _Index:
    """A calendar's working windows over a run of local days, with running totals,
    so a due time or an elapsed time is two binary searches instead of a walk over
    the days (the SLA engine and the seeders of 100,000 tickets share it).

    ``done[i]`` is the working time of windows ``0..i``; ``F(t)``, the working time
    from the first window to ``t``, makes ``between(a, b) = F(b) - F(a)``.
    """

    def __init__(self, calendar: Calendar, first: dt.date, last: dt.date):
        self.first, self.last = first, last
        zone = calendar.zone
        # the instants whose local days are all inside first..last
        self.lo = _to_utc(first, dt.time(0), zone) + dt.timedelta(days=1)
        self.hi = _to_utc(last, dt.time(0), zone)
        self.opens: list[dt.datetime] = []
        self.closes: list[dt.datetime] = []
        self.done: list[dt.timedelta] = []
        total = dt.timedelta(0)
        day = first
        while day <= last:
            if day.weekday() in calendar.weekdays and day not in calendar.holidays:
                opens = _to_utc(day, calendar.start, zone)
                if calendar.end == dt.time(0):
                    closes = _to_utc(day + dt.timedelta(days=1), dt.time(0), zone)
                else:
                    closes = _to_utc(day, calendar.end, zone)
                total += closes - opens
                self.opens.append(opens)
                self.closes.append(closes)
                self.done.append(total)
            day += dt.timedelta(days=1)

    def before(self, i: int) -> dt.timedelta:
        return self.done[i - 1] if i > 0 else dt.timedelta(0)

    def worked_until(self, at: dt.datetime) -> dt.timedelta:
        i = bisect.bisect_right(self.opens, at) - 1
        if i < 0:
            return dt.timedelta(0)
        return self.before(i) + min(at - self.opens[i], self.closes[i] - self.opens[i])


_INDEXES: dict[Calendar, _Index] = {}
_SPAN = dt.timedelta(days=400)  # how far an index reaches beyond what was asked
_MARGIN = dt.timedelta(days=2)  # a local day starts up to 14 hours from UTC's
_LAST: list = []  # [calendar, its index]: skips hashing the calendar per call


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _index(
    calendar: Calendar, lo: dt.datetime, hi: dt.datetime | None = None
) -> _Index:
    """The cached index of ``calendar``, grown to cover ``lo``..``hi`` (UTC)."""
    hi = hi or lo
    if _LAST and _LAST[0] is calendar:  # the hot path: asked a moment ago
        index = _LAST[1]
        if index.lo <= lo - _MARGIN and hi + _MARGIN <= index.hi:
            return index
    index = _INDEXES.get(calendar)
    if index is None or lo - _MARGIN < index.lo or hi + _MARGIN > index.hi:
        first = (lo - _MARGIN - _SPAN).date()
        last = (hi + _MARGIN + _SPAN).date()
        if index is not None:
            first, last = min(first, index.first), max(last, index.last)
        if len(_INDEXES) > 64:  # calendars edited many times: keep it bounded
            _INDEXES.clear()
        index = _INDEXES[calendar] = _Index(calendar, first, last)
    _LAST[:] = [calendar, index]
    return index


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
    start = _utc(start)
    limit = start + dt.timedelta(days=MAX_DAYS)
    ahead = dt.timedelta(days=31)
    while True:
        index = _index(calendar, start, start + ahead)
        i = bisect.bisect_right(index.closes, start)  # the first window not over
        target = index.worked_until(start) + duration
        j = bisect.bisect_left(index.done, target, lo=i)
        if j < len(index.done) and index.opens[j] <= limit:
            return index.opens[j] + (target - index.before(j))
        if index.hi >= limit:
            raise ValueError(
                "The calendar has no working time in the next three years."
            )
        ahead *= 4


def business_time_between(
    calendar: Calendar, start: dt.datetime, end: dt.datetime
) -> dt.timedelta:
    """Working time elapsed from ``start`` to ``end`` (negative when end < start)."""
    _require_aware(start, end)
    if end < start:
        return -business_time_between(calendar, end, start)
    start, end = _utc(start), _utc(end)
    index = _index(calendar, start, end)
    return index.worked_until(end) - index.worked_until(start)


def is_business_time(calendar: Calendar, at: dt.datetime) -> bool:
    _require_aware(at)
    opens, _closes = next(_windows(calendar, at.astimezone(UTC)))
    return opens <= at.astimezone(UTC)


def holidays_from(dates: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(dates)
