"""ISO weeks (``2026-W48``) as a pure module.

A week runs Monday 00:00 to the next Monday 00:00 in the time zone it is asked for
(``zoneinfo``); the bounds are aware datetimes, so a week that contains a daylight
saving change is 167 or 169 hours long, as the wall clock says.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


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
