"""Workflow insights for the weekly update: where our own handling loses time.

A self-contained section (``workflow_section``), each figure for the week and the
week before, with the biggest change called out in words:

* **Time in each status** (business hours of the support calendar), per category:
  every status change made in the week closes an interval that began at the
  ticket's previous status change (or its creation); the interval is charged to
  the status it left. One query (the previous change comes from a subquery on the
  ``(ticket, field)`` index); business time is counted by the pure
  ``tickets.business_time`` for each interval.
* **Reopen rate**: tickets moved from solved back to work in the week, per 100
  tickets solved in the week (one aggregate query).
* **Passed between more than two people**: tickets assigned in the week that have
  had three or more different assignees (one aggregate query).
* **Handling time** (median business hours from creation to solved) by category
  and by agent group: ``tickets.reports.response_times``, the one owner of that
  figure.

Time zones: weeks are ISO weeks in UTC (``core.periods``); business hours follow
the support team's calendar (its own time zone and daylight saving), or the clock
round the day when no calendar is set up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core import charts
from core.periods import Week
from tickets.business_time import Calendar, business_time_between
from tickets.models import Ticket, TicketChange

S = Ticket.Status
# where tickets wait: every status a ticket can leave
WAITING_STATUSES = [S.NEW, S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED]
REOPEN_FROM = [S.SOLVED]
REOPEN_TO = [S.NEW, S.OPEN, S.PENDING, S.ON_HOLD]
# short names for sentences ("Time in pending rose …")
STATUS_WORDS = {
    S.NEW: _lazy("new"),
    S.OPEN: _lazy("open"),
    S.PENDING: _lazy("pending"),
    S.ON_HOLD: _lazy("on hold"),
    S.SOLVED: _lazy("solved"),
}
HANDOFF_PEOPLE = 3  # "passed between more than two people"
ROUND_THE_CLOCK = Calendar(
    weekdays=frozenset(range(7)), start=dt.time(0), end=dt.time(0)
)


def support_calendar() -> Calendar:
    """The support team's business calendar (the first one set up)."""
    from tickets.models import BusinessCalendar

    calendar = BusinessCalendar.objects.order_by("pk").first()
    return calendar.to_calendar() if calendar else ROUND_THE_CLOCK


def _changes(week: Week, networks, field: str):
    start, end = week.bounds()
    qs = TicketChange.objects.filter(
        field=field, created_at__gte=start, created_at__lt=end
    )
    if networks is not None:
        qs = qs.filter(ticket__network_id__in=list(networks))
    return qs


def time_in_status(*, week: Week, networks=None, calendar: Calendar | None = None):
    """{"overall": {status: hours}, "by_category": [{"category", status: hours}]}:
    average business hours a ticket spent in each status before leaving it in the
    week, overall and per category (``None`` where nothing left that status)."""
    calendar = calendar or support_calendar()
    previous = (
        TicketChange.objects.filter(
            ticket_id=OuterRef("ticket_id"),
            field="status",
            created_at__lt=OuterRef("created_at"),
        )
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    rows = (
        _changes(week, networks, "status")
        .annotate(since=Coalesce(Subquery(previous), "ticket__created_at"))
        .values_list("ticket__category__name", "old_value", "since", "created_at")
    )
    totals: dict = defaultdict(lambda: [0.0, 0])
    for category, status, since, until in rows:
        hours = business_time_between(calendar, since, until).total_seconds() / 3600
        for key in ((None, status), (category or "—", status)):
            totals[key][0] += hours
            totals[key][1] += 1

    def mean(key):
        total, n = totals.get(key, (0.0, 0))
        return round(total / n, 1) if n else None

    categories = sorted({c for c, _s in totals if c is not None})
    return {
        "overall": {s: mean((None, s)) for s in WAITING_STATUSES},
        "counts": {s: totals.get((None, s), (0, 0))[1] for s in WAITING_STATUSES},
        "by_category": [
            {"category": c, **{s: mean((c, s)) for s in WAITING_STATUSES}}
            for c in categories
        ],
    }


def reopen_rate(*, week: Week, networks=None) -> dict:
    row = _changes(week, networks, "status").aggregate(
        solved=Count("ticket_id", distinct=True, filter=Q(new_value=S.SOLVED)),
        reopened=Count(
            "ticket_id",
            distinct=True,
            filter=Q(old_value__in=REOPEN_FROM, new_value__in=REOPEN_TO),
        ),
    )
    solved, reopened = row["solved"], row["reopened"]
    return {
        "solved": solved,
        "reopened": reopened,
        "pct": round(100 * reopened / solved, 1) if solved else None,
    }


def handoffs(*, week: Week, networks=None) -> dict:
    """Tickets assigned in the week, and those of them that have been with three
    or more different people over their life."""
    assigned = _changes(week, networks, "assignee").values("ticket_id").distinct()
    counts = (
        TicketChange.objects.filter(field="assignee", ticket_id__in=assigned)
        .exclude(new_value="")
        .values("ticket_id")
        .annotate(people=Count("new_value", distinct=True))
        .aggregate(
            tickets=Count("ticket_id"),
            passed=Count("ticket_id", filter=Q(people__gte=HANDOFF_PEOPLE)),
        )
    )
    tickets, passed = counts["tickets"] or 0, counts["passed"] or 0
    return {
        "tickets": tickets,
        "passed": passed,
        "pct": round(100 * passed / tickets, 1) if tickets else None,
    }


def handling_time(*, week: Week, networks=None) -> dict:
    """Median business hours to solve, overall, by category and by agent group,
    from ``tickets.reports`` (tickets solved in the week)."""
    from tickets import reports

    start, end = week.bounds()

    def rows(group_by):
        return [
            {
                "key": row["key"],
                "label": row["label"],
                "hours": _hours(row.get("resolution_median_seconds")),
                "count": row.get("resolution_count", 0),
            }
            for row in reports.resolution_times(
                start=start, end=end, group_by=group_by, networks=networks
            )
            if row.get("resolution_count")
        ]

    overall = rows(None)
    return {
        "hours": overall[0]["hours"] if overall else None,
        "by_category": rows("category"),
        "by_group": rows("assignee_group"),
    }


def _hours(seconds) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def _week_figures(week: Week, networks, calendar: Calendar) -> dict:
    return {
        "time_in_status": time_in_status(
            week=week, networks=networks, calendar=calendar
        ),
        "reopen": reopen_rate(week=week, networks=networks),
        "handoffs": handoffs(week=week, networks=networks),
        "handling": handling_time(week=week, networks=networks),
    }


def _headline_figures(figures: dict) -> dict[str, tuple[str, float | None, str]]:
    """The figures compared week on week: code → (label, value, unit)."""
    overall = figures["time_in_status"]["overall"]
    out = {
        f"status_{s}": (
            _("Time in %(status)s") % {"status": STATUS_WORDS[s]},
            overall[s],
            _("business hours"),
        )
        for s in WAITING_STATUSES
    }
    out["reopen"] = (_("Reopen rate"), figures["reopen"]["pct"], "%")
    out["handoffs"] = (
        _("Tickets passed between more than two people"),
        figures["handoffs"]["passed"],
        _("tickets"),
    )
    out["handling"] = (
        _("Median handling time"),
        figures["handling"]["hours"],
        _("business hours"),
    )
    return out


def biggest_change(this: dict, previous: dict) -> dict | None:
    """The figure that moved most against the week before (relative change; a
    figure that appears from zero counts as a 100% rise), described in words."""
    now, before = _headline_figures(this), _headline_figures(previous)
    best = None
    for code, (label, value, unit) in now.items():
        old = before[code][1]
        if value is None or old is None or value == old:
            continue
        change = (value - old) / old if old else 1.0
        if best is None or abs(change) > abs(best["change"]):
            best = {
                "code": code,
                "label": label,
                "value": value,
                "previous": old,
                "unit": unit,
                "change": change,
            }
    if best is None:
        return None
    pct = round(abs(best["change"]) * 100)
    words = _("rose") if best["change"] > 0 else _("fell")
    best["pct"] = pct
    best["text"] = _(
        "%(label)s %(moved)s %(pct)s%% (from %(old)s to %(new)s %(unit)s)."
    ) % {
        "label": best["label"],
        "moved": words,
        "pct": pct,
        "old": best["previous"],
        "new": best["value"],
        "unit": best["unit"],
    }
    return best


def workflow_section(*, week: Week, networks=None) -> dict:
    """This week's workflow figures beside the previous week's, and the biggest
    change in words. ``networks``: ids to restrict to (``None``: every network)."""
    calendar = support_calendar()
    this = _week_figures(week, networks, calendar)
    previous = _week_figures(week.shift(-1), networks, calendar)
    now, before = _headline_figures(this), _headline_figures(previous)
    return {
        "this": this,
        "previous": previous,
        "rows": [
            {
                "code": code,
                "label": label,
                "value": value,
                "previous": before[code][1],
                "unit": unit,
            }
            for code, (label, value, unit) in now.items()
        ],
        "biggest_change": biggest_change(this, previous),
    }


def weekly_workflow(*, week: Week, filterset=None) -> dict:
    """The section for the weekly update page, CSV and e-mail, narrowed like the
    rest of the update (``WeeklyFilter``: region, network), cached briefly per week
    and filter (``HUB_INSIGHTS_CACHE_SECONDS``)."""
    from insights.selectors.cache import _cache_key, cached
    from insights.selectors.weekly import section_networks

    network = region = None
    if filterset is not None and filterset.is_valid():
        network = filterset.form.cleaned_data.get("network")
        region = filterset.form.cleaned_data.get("region")
    key = _cache_key(
        "workflow", week, getattr(network, "pk", ""), getattr(region, "pk", "")
    )
    return cached(
        key,
        lambda: workflow_section(
            week=week, networks=section_networks(network=network, region=region)
        ),
    )


def workflow_charts(section: dict | None) -> dict:
    """Charts for the section, drawn by the one chart module (``core.charts``)."""
    if not section:
        return {}
    labels = [str(Ticket.Status(s).label) for s in WAITING_STATUSES]
    status_chart = charts.grouped_bar_chart(
        _("Average business hours in each status"),
        labels,
        {
            _("This week"): [
                section["this"]["time_in_status"]["overall"][s]
                for s in WAITING_STATUSES
            ],
            _("Previous week"): [
                section["previous"]["time_in_status"]["overall"][s]
                for s in WAITING_STATUSES
            ],
        },
        unit="h",
    )
    by_category = section["this"]["handling"]["by_category"]
    handling_chart = (
        charts.bar_chart(
            _("Median handling time by category (business hours)"),
            [row["label"] for row in by_category],
            [row["hours"] for row in by_category],
            unit="h",
        )
        if by_category
        else None
    )
    return {"status_chart": status_chart, "handling_chart": handling_chart}


def workflow_csv_rows(section: dict | None):
    """The section's rows for the weekly CSV: (section, key, value)."""
    if not section:
        return
    for row in section["rows"]:
        yield ["workflow", f"{row['code']} this week", row["value"]]
        yield ["workflow", f"{row['code']} previous week", row["previous"]]
    for row in section["this"]["time_in_status"]["by_category"]:
        for status in WAITING_STATUSES:
            yield ["workflow by category", f"{row['category']} {status}", row[status]]
    for name in ("by_category", "by_group"):
        for row in section["this"]["handling"][name]:
            yield [f"handling {name.replace('_', ' ')}", row["label"], row["hours"]]
    change = section["biggest_change"]
    if change:
        yield ["workflow", "biggest change", change["text"]]
