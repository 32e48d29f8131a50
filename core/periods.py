"""Periods as a pure module (no database): ISO weeks (``2026-W48``) for the weekly
update and the weekly tips, and calendar months (``2026-10``) for the digest. The
one home of every week and period rule.

A week runs Monday 00:00 to the next Monday 00:00 in the time zone it is asked for
(``zoneinfo``); the bounds are aware datetimes, so a week that contains a daylight
saving change is 167 or 169 hours long, as the wall clock says.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
UTC = dt.UTC


@dataclass(frozen=True, order=True)
class Week:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Week:
        """``2026-W48`` → Week; raises ValueError for anything else."""
        match = _PATTERN.match((text or "").strip().upper())
        if not match:
            raise ValueError(f"{text!r} is not an ISO week such as 2026-W48")
        year, number = int(match[1]), int(match[2])
        try:
            date.fromisocalendar(year, number, 1)
        except ValueError as exc:
            raise ValueError(f"{year} has no week {number}") from exc
        return cls(year, number)

    @classmethod
    def of(cls, day: date) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number)

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def shift(self, weeks: int) -> Week:
        return Week.of(self.monday + timedelta(weeks=weeks))

    def bounds(self, tz: str = "UTC") -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes in ``tz``."""
        zone = zoneinfo.ZoneInfo(tz)
        start = datetime.combine(self.monday, time.min, tzinfo=zone)
        end = datetime.combine(self.shift(1).monday, time.min, tzinfo=zone)
        return start, end

    def previous(self, count: int) -> list[Week]:
        """The ``count`` weeks ending with this one, oldest first."""
        return [self.shift(-i) for i in range(count - 1, -1, -1)]


# --- months and local times (the monthly digest, the weekly tips) ----------------
# Time zones: a monthly digest covers a calendar month in UTC ([first day 00:00 UTC,
# first day of the next month 00:00 UTC)); beat runs it on the 1st at 06:00 UTC, when
# the month has ended everywhere but the far Pacific. A weekly tip belongs to the ISO
# week of the *network's local date*, so daylight-saving shifts never move a member into
# another week: the key, not the clock, decides whether a tip was already sent.


@dataclass(frozen=True)
class Period:
    """A half-open UTC interval [start, end) with a stable key such as ``2026-10``."""

    key: str
    start: dt.datetime
    end: dt.datetime


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(key: str) -> Period:
    """``"2026-10"`` → the October 2026 period; ``ValueError`` if malformed."""
    try:
        year_s, month_s = key.split("-")
        year, month = int(year_s), int(month_s)
        start_day = dt.date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"Not a month in the form YYYY-MM: {key!r}") from exc
    next_day = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return Period(
        key=month_key(start_day),
        start=dt.datetime.combine(start_day, dt.time(), tzinfo=UTC),
        end=dt.datetime.combine(next_day, dt.time(), tzinfo=UTC),
    )


def previous_month(now: dt.datetime) -> Period:
    first = now.astimezone(UTC).date().replace(day=1)
    return parse_month(month_key(first - dt.timedelta(days=1)))


def iso_week_key(day: dt.date) -> str:
    """The ISO week of ``day`` as a key, ``2026-W48`` (``str(Week.of(day))``)."""
    return str(Week.of(day))


def local_now(now: dt.datetime, time_zone: str) -> dt.datetime:
    """``now`` on the wall clock of ``time_zone`` (UTC when blank or unknown)."""
    try:
        return now.astimezone(ZoneInfo(time_zone or "UTC"))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return now.astimezone(UTC)


def is_tip_time(now: dt.datetime, time_zone: str, *, weekday: int, hour: int) -> bool:
    """True during the local hour ``hour`` of ``weekday`` (0 = Monday) in that zone."""
    local = local_now(now, time_zone)
    return local.weekday() == weekday and local.hour == hour
