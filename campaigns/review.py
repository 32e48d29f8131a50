"""Draft the post-review summary from a campaign's figures (pure: no database).

The manager edits the draft; this only turns numbers into plain sentences. Dates are
the calendar days figures were reported for (no time zone conversion).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from campaigns.vocabulary import METRICS
from core.timefmt import local_date


@dataclass(frozen=True)
class GoalResult:
    metric: str
    target: Decimal
    actual: Decimal

    @property
    def percent(self) -> int:
        if not self.target:
            return 100 if self.actual else 0
        return int(self.actual * 100 / self.target)

    @property
    def met(self) -> bool:
        return self.actual >= self.target


def number(value: Decimal) -> str:
    """``1234.50`` → ``1,234.5``; whole numbers without decimals."""
    # at most two decimals, in the active language's separators (``1.234,5`` in
    # Indonesian)
    value = Decimal(value).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        return number_format(int(value), force_grouping=True)
    return number_format(value.normalize(), force_grouping=True)


def draft_summary(
    *,
    name: str,
    start: date,
    end: date,
    goals: list[GoalResult],
    totals: dict[str, Decimal],
    top_networks: list[tuple[str, Decimal]],
    headline: str | None,
    peak_days: list[tuple[date, Decimal]],
    network_count: int | None,
) -> str:
    """A few paragraphs: goals met or missed, totals, top networks, peak days.

    A network's own summary passes no goals, no top networks and ``network_count``
    ``None``, so it never mentions other networks' figures.
    """
    # the hub's one date format, in the reader's language (ISO dates read as code)
    facts = {
        "name": name,
        "start": local_date(start),
        "end": local_date(end),
        "count": network_count,
    }
    if network_count is None:
        opening = _("%(name)s ran from %(start)s to %(end)s.") % facts
    else:
        opening = (
            _(
                "%(name)s ran from %(start)s to %(end)s with %(count)s participating networks."
            )
            % facts
        )
    lines = [opening, ""]
    if goals:
        met = sum(1 for goal in goals if goal.met)
        lines.append(
            _("Goals: %(met)s of %(total)s met.") % {"met": met, "total": len(goals)}
        )
        for goal in goals:
            metric = METRICS[goal.metric]
            lines.append(
                "- "
                + _(
                    "%(label)s: %(actual)s of %(target)s %(unit)s (%(pct)s%%) — %(verdict)s"
                )
                % {
                    "label": metric.label,
                    "actual": number(goal.actual),
                    "target": number(goal.target),
                    "unit": metric.unit,
                    "pct": goal.percent,
                    "verdict": _("met") if goal.met else _("missed"),
                }
            )
        lines.append("")
    other = [code for code in totals if code not in {g.metric for g in goals}]
    if other:
        lines.append(_("Other figures:") if goals else _("Figures:"))
        for code in other:
            lines.append(
                f"- {METRICS[code].label}: {number(totals[code])} {METRICS[code].unit}"
            )
        lines.append("")
    if headline and top_networks:
        lines.append(
            _("Top networks by %(label)s:") % {"label": METRICS[headline].label}
        )
        for position, (network, value) in enumerate(top_networks, start=1):
            lines.append(f"{position}. {network}: {number(value)}")
        lines.append("")
    if headline and peak_days:
        days = ", ".join(
            f"{local_date(day)} ({number(value)})" for day, value in peak_days
        )
        lines.append(
            _("Days of peak activity (%(label)s): %(days)s.")
            % {"label": METRICS[headline].label, "days": days}
        )
    if not totals:
        lines.append(_("No figures were loaded for this campaign."))
    return "\n".join(lines).strip() + "\n"
