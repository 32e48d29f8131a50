"""Parse and validate content CSVs and figure batches (pure: no database access).

The same rules as campaign figures (``campaigns.loading``): a batch is all or
nothing, every bad row is named by its position (CSV line number, or index in an API
list), and the same rows loaded again change nothing. Values are parsed by
``campaigns.loading.parse_value``. ``posted_at`` is ISO 8601; without an offset it
is read in the uploading network's time zone.

A content CSV has one line per content item and day::

    url,creator_handle,kind,posted_at,campaign,hashtags,date,views,likes,...

Item columns describe the item (created on first sight, updated after); each
metric column present and non-empty is one figure of that day.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from campaigns.loading import MAX_CELL, CSVFormatError, parse_value, shown
from marketing.engagement import METRICS

ITEM_COLUMNS = ["url", "creator_handle", "kind", "posted_at", "campaign", "hashtags"]
REQUIRED = ["url", "date"]
CSV_COLUMNS = [*ITEM_COLUMNS, "date", *METRICS]
KINDS = ("short_video", "live_replay", "post")
_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class FigureRow:
    """A figure as given: ``url`` names the content item."""

    position: int
    url: object
    date: object
    metric: object
    value: object


@dataclass(frozen=True)
class CleanFigure:
    url: str
    date: date
    metric: str
    value: Decimal

    @property
    def key(self) -> tuple[str, date, str]:
        return (self.url, self.date, self.metric)


@dataclass(frozen=True)
class CleanItem:
    url: str
    creator_handle: str
    kind: str
    posted_at: datetime
    campaign_id: int | None
    hashtags: str


def _problem_date(raw) -> tuple[date | None, str | None]:
    try:
        return date.fromisoformat(str(raw or "").strip()), None
    except ValueError:
        return None, _("date %(date)s is not a date (YYYY-MM-DD)") % {
            "date": shown(raw)
        }


def validate_figures(
    rows: Iterable[FigureRow], *, urls: set[str]
) -> tuple[list[CleanFigure], dict[int, list[str]]]:
    """Check figures of existing items; ``urls`` are the items the caller may load."""
    clean, errors, seen = [], {}, {}
    days: dict[object, tuple] = {}  # a file repeats its few dates many times
    for row in rows:
        problems = []
        url = str(row.url or "").strip()
        if not url:
            problems.append(_("url is missing"))
        elif url not in urls:
            problems.append(_("unknown content %(url)s") % {"url": shown(url)})
        key = row.date if isinstance(row.date, str) else repr(row.date)
        if key not in days:
            days[key] = _problem_date(row.date)
        day, problem = days[key]
        if problem:
            problems.append(problem)
        metric = str(row.metric or "").strip().lower()
        if metric not in METRICS:
            problems.append(
                _("unknown metric %(metric)s (use one of: %(codes)s)")
                % {"metric": shown(row.metric), "codes": ", ".join(METRICS)}
            )
        value, problem = parse_value(row.value, None)
        if problem:
            problems.append(problem)
        if not problems:
            figure = CleanFigure(url, day, metric, value)
            if figure.key in seen:
                problems.append(
                    _("repeats the figure of %(position)s")
                    % {"position": seen[figure.key]}
                )
            else:
                seen[figure.key] = row.position
                clean.append(figure)
        if problems:  # a CSV line carries several figures: gather its problems
            known = errors.setdefault(row.position, [])
            known.extend(p for p in problems if p not in known)
    return clean, errors


def _posted_at(raw, time_zone: str) -> tuple[datetime | None, str | None]:
    text = str(raw or "").strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, _(
            "posted_at %(value)s is not a date and time (YYYY-MM-DD HH:MM)"
        ) % {"value": shown(raw)}
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(time_zone))
    return moment, None


def read_content_csv(
    text: str,
    *,
    own_items: dict[str, CleanItem | None],
    foreign_urls: set[str],
    campaigns: dict[str, int],
    time_zone: str,
) -> tuple[dict[str, CleanItem], list[CleanFigure], dict[int, list[str]]]:
    """Items and figures of a content CSV, or every problem by line number.

    ``own_items``: urls of the network's existing items (their stored values or
    None); ``foreign_urls``: urls other networks hold; ``campaigns`` maps campaign
    ids and slugs (as text) to ids.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise CSVFormatError(_("The file is empty.")) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing or not any(code in header for code in METRICS):
        raise CSVFormatError(
            _(
                "The header must name url, date and at least one of %(metrics)s; "
                "missing: %(missing)s."
            )
            % {
                "metrics": ", ".join(METRICS),
                "missing": ", ".join(missing) or _("a metric column"),
            }
        )
    where = {name: header.index(name) for name in CSV_COLUMNS if name in header}
    items: dict[str, CleanItem] = {}
    figures: list[FigureRow] = []
    errors: dict[int, list[str]] = {}
    checked: dict[str, tuple] = {}
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            errors[reader.line_num] = [_("the line cannot be read")]
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        cell = {
            name: (record[i].strip() if i < len(record) else "")
            for name, i in where.items()
        }
        long = [n for n, v in cell.items() if len(v) > MAX_CELL and n != "url"]
        if long or len(cell.get("url", "")) > 500:
            errors[line] = [
                _("%(column)s is too long") % {"column": n} for n in long or ["url"]
            ]
            continue
        # the same item on its next day: checked once (most lines of a big file)
        described = tuple(cell.get(c, "") for c in ITEM_COLUMNS)
        if checked.get(described[0]) == described:
            problems = []
        else:
            problems = _item_problems(
                cell, line, items, own_items, foreign_urls, campaigns, time_zone
            )
            if not problems:
                checked[described[0]] = described
        if problems:
            errors[line] = problems
        for code in METRICS:
            if cell.get(code, "") != "":
                figures.append(
                    FigureRow(line, cell["url"], cell["date"], code, cell[code])
                )
        if not any(cell.get(code, "") != "" for code in METRICS):
            errors.setdefault(line, []).append(_("no figure on this line"))
    urls = set(items) | set(own_items)
    clean, figure_errors = validate_figures(figures, urls=urls)
    for position, problems in figure_errors.items():
        known = errors.setdefault(position, [])
        known.extend(
            p for p in problems if p not in known and "unknown content" not in p
        )
        if not known:
            errors.pop(position)
    return items, clean, errors


def _item_problems(cell, line, items, own_items, foreign_urls, campaigns, time_zone):
    url = cell.get("url", "")
    problems = []
    if not url:
        return [_("url is missing")]
    try:
        _url(url)
    except ValidationError:
        return [_("url %(url)s is not a web address") % {"url": shown(url)}]
    if url in foreign_urls:
        return [_("url %(url)s belongs to another network") % {"url": shown(url)}]
    given = any(cell.get(c) for c in ("creator_handle", "kind", "posted_at"))
    if url in own_items and not given:
        return []  # figures only, for an item already known
    handle = cell.get("creator_handle", "").lstrip("@")
    if not handle:
        problems.append(_("creator_handle is missing"))
    kind = cell.get("kind", "").lower()
    if kind not in KINDS:
        problems.append(
            _("kind %(kind)s is not one of %(kinds)s")
            % {"kind": shown(kind), "kinds": ", ".join(KINDS)}
        )
    posted_at, problem = _posted_at(cell.get("posted_at"), time_zone)
    if problem:
        problems.append(problem)
    campaign_id = None
    if cell.get("campaign"):
        campaign_id = campaigns.get(cell["campaign"])
        if campaign_id is None:
            problems.append(
                _("campaign %(campaign)s is not one of your network's campaigns")
                % {"campaign": shown(cell["campaign"])}
            )
    if problems:
        return problems
    item = CleanItem(
        url, handle, kind, posted_at, campaign_id, cell.get("hashtags", "")
    )
    if url in items and items[url] != item:
        return [
            _("describes %(url)s differently from an earlier line")
            % {"url": shown(url)}
        ]
    items[url] = item
    return []


def figures_to_json(rows: list[CleanFigure]) -> list[list]:
    return [[r.url, r.date.isoformat(), r.metric, str(r.value)] for r in rows]


def figures_from_json(rows: list[list]) -> list[CleanFigure]:
    return [CleanFigure(u, date.fromisoformat(d), m, Decimal(v)) for u, d, m, v in rows]


def items_to_json(items: dict[str, CleanItem]) -> list[list]:
    return [
        [
            i.url,
            i.creator_handle,
            i.kind,
            i.posted_at.isoformat(),
            i.campaign_id,
            i.hashtags,
        ]
        for i in items.values()
    ]


def items_from_json(rows: list[list]) -> dict[str, CleanItem]:
    return {
        u: CleanItem(u, h, k, datetime.fromisoformat(p), c, t)
        for u, h, k, p, c, t in rows
    }
