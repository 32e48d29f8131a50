"""Parse and validate batches of campaign figures (pure: no database access).

A batch is all or nothing: ``validate_rows`` returns either the clean rows or every
problem keyed by the row's position (CSV line number, or index in an API list).
Dates are calendar dates (``YYYY-MM-DD``) with no time zone.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from campaigns.vocabulary import METRICS

CSV_COLUMNS = ["network", "date", "metric", "value"]
TWO_PLACES = Decimal("0.01")
MAX_VALUE = Decimal("999999999999.99")
MAX_CELL = 200  # characters in any one cell; longer is refused, not parsed
SHOWN = 40  # characters of a bad value repeated in an error message


@dataclass(frozen=True)
class RawRow:
    position: int
    network: object
    date: object
    metric: object
    value: object
    problem: str | None = None  # the row could not be read at all


@dataclass(frozen=True)
class CleanRow:
    network_id: int
    date: date
    metric: str
    value: Decimal

    @property
    def key(self) -> tuple[int, date, str]:
        return (self.network_id, self.date, self.metric)


class CSVFormatError(ValueError):
    """The file is not a CSV with the expected header."""


def read_csv(text: str) -> Iterator[RawRow]:
    """Rows of a CSV file; ``position`` is the line number (the header is line 1)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = next(reader)
    except StopIteration:
        raise CSVFormatError(_("The file is empty.")) from None
    names = [name.strip().lower() for name in header]
    missing = [column for column in CSV_COLUMNS if column not in names]
    if missing:
        raise CSVFormatError(
            _("The header must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(CSV_COLUMNS), "missing": ", ".join(missing)}
        )
    where = {column: names.index(column) for column in CSV_COLUMNS}
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:  # e.g. a cell past the csv module's own size limit
            yield _unreadable(reader.line_num)
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue  # blank lines are ignored
        cells = [
            record[where[c]] if where[c] < len(record) else "" for c in CSV_COLUMNS
        ]
        yield RawRow(line, *cells)


def _unreadable(position: int) -> RawRow:
    return RawRow(
        position,
        "",
        "",
        "",
        "",
        problem=_("the line cannot be read (a cell longer than %(n)s characters?)")
        % {"n": MAX_CELL},
    )


def shown(value: object) -> str:
    """A value as repeated in an error message: quoted, and cut short."""
    text = str(value)
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def _too_long(row: RawRow) -> list[str]:
    return [
        _("%(column)s is longer than %(n)s characters")
        % {"column": name, "n": MAX_CELL}
        for name in CSV_COLUMNS
        if len(str(getattr(row, name) or "")) > MAX_CELL
    ]


def parse_value(raw: object, metric: str | None) -> tuple[Decimal | None, str | None]:
    if isinstance(raw, bool) or raw is None or isinstance(raw, dict | list):
        return None, _("value must be a number")
    text = str(raw).strip()
    if len(text) > MAX_CELL:
        return None, _("value is not a number (%(n)s characters)") % {"n": len(text)}
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None, _("value %(value)s is not a number") % {"value": shown(raw)}
    if not value.is_finite():
        return None, _("value %(value)s is not a number") % {"value": shown(raw)}
    if value < 0:
        return None, _("value must not be negative")
    if value > MAX_VALUE:  # before rounding: 1e309 has no two-decimal form
        return None, _("value is too large")
    value = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    limit = METRICS[metric].maximum if metric in METRICS else None
    if limit is not None and value > limit:
        return None, _("value must be at most %(limit)s") % {"limit": limit}
    if value > MAX_VALUE:
        return None, _("value is too large")
    return value, None


def validate_rows(
    rows: Iterable[RawRow],
    *,
    networks: dict[str, int],
    enrolled: set[int],
    start: date,
    end: date,
) -> tuple[list[CleanRow], dict[int, list[str]]]:
    """Check every row; ``networks`` maps slugs to ids, ``enrolled`` the ids allowed."""
    clean: list[CleanRow] = []
    errors: dict[int, list[str]] = {}
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.problem or _too_long(row):
            errors[row.position] = [row.problem] if row.problem else _too_long(row)
            continue
        problems: list[str] = []
        slug = str(row.network or "").strip()
        network_id = networks.get(slug)
        if not slug:
            problems.append(_("network is missing"))
        elif network_id is None:
            problems.append(_("unknown network %(slug)s") % {"slug": shown(slug)})
        elif network_id not in enrolled:
            problems.append(
                _("network %(slug)s is not enrolled in this campaign")
                % {"slug": shown(slug)}
            )
        metric = str(row.metric or "").strip().lower()
        if metric not in METRICS:
            problems.append(
                _("unknown metric %(metric)s (use one of: %(codes)s)")
                % {"metric": shown(row.metric), "codes": ", ".join(METRICS)}
            )
        day = None
        try:
            day = date.fromisoformat(str(row.date or "").strip())
        except ValueError:
            problems.append(
                _("date %(date)s is not a date (YYYY-MM-DD)")
                % {"date": shown(row.date)}
            )
        if day is not None and not (start <= day <= end):
            problems.append(
                _("date %(date)s is outside the campaign (%(start)s to %(end)s)")
                % {"date": day, "start": start, "end": end}
            )
        value, problem = parse_value(row.value, metric)
        if problem:
            problems.append(problem)
        if not problems:
            item = CleanRow(network_id, day, metric, value)
            if item.key in seen:
                problems.append(
                    _("repeats the figure of %(position)s")
                    % {"position": seen[item.key]}
                )
            else:
                seen[item.key] = row.position
                clean.append(item)
        if problems:
            errors[row.position] = problems
    return clean, errors


def to_json(rows: list[CleanRow]) -> list[list]:
    return [[r.network_id, r.date.isoformat(), r.metric, str(r.value)] for r in rows]


def from_json(rows: list[list]) -> list[CleanRow]:
    return [
        CleanRow(int(n), date.fromisoformat(d), m, Decimal(v)) for n, d, m, v in rows
    ]
