"""Period keys and bounds for scheduled e-mails (pure functions, no database).

Time zones: a monthly digest covers a calendar month in UTC ([first day 00:00 UTC,
first day of the next month 00:00 UTC)); beat runs it on the 1st at 06:00 UTC, when
the month has ended everywhere but the far Pacific. A weekly tip belongs to the ISO
week of the *network's local date*, so daylight-saving shifts never move a member into
another week: the key, not the clock, decides whether a tip was already sent.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = dt.UTC


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
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def local_now(now: dt.datetime, time_zone: str) -> dt.datetime:
    return now.astimezone(ZoneInfo(time_zone or "UTC"))


def is_tip_time(now: dt.datetime, time_zone: str, *, weekday: int, hour: int) -> bool:
    """True during the local hour ``hour`` of ``weekday`` (0 = Monday) in that zone."""
    local = local_now(now, time_zone)
    return local.weekday() == weekday and local.hour == hour
