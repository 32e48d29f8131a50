"""Server-rendered inline SVG charts (pure: no database, no JavaScript).

Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>`` so screen
readers announce what it shows, and each point/bar carries its own ``<title>`` (a
tooltip on hover). Text is escaped here; the result is safe to mark safe.
Dates are plain calendar days; there is no time zone handling.
"""

from datetime import date
from decimal import Decimal
from html import escape
from itertools import count

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from campaigns.review import number

_ids = count(1)


def _safe(title: str, svg: str) -> SafeString:
    """The chart in a keyboard-reachable scrolling region: charts are never drawn
    narrower than 400px (text >= 11px on screen, campaigns.css), so on a narrow
    screen they scroll."""
    svg = (
        f'<div class="chart-scroll" tabindex="0" role="region" '
        f'aria-label="{escape(str(title))}">{svg}</div>'
    )
    # Every text embedded above went through ``html.escape``; numbers are formatted.
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def line_chart(
    *,
    title: str,
    points: list[tuple[date, Decimal]],
    unit: str = "",
    width: int = 560,
    height: int = 180,
) -> SafeString:
    """A daily trend: one line, a dot per day, first and last day labelled."""
    uid = next(_ids)
    label = escape(str(title))
    if not points:
        return _safe(
            title,
            f'<svg class="chart" role="img" aria-labelledby="chart{uid}t" '
            f'viewBox="0 0 {width} 40"><title id="chart{uid}t">{label}</title>'
            '<text x="8" y="24" class="chart-empty">—</text></svg>',
        )
    left, right, top, bottom = 48, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for _, v in points]
    high = max(values) or 1.0
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return left + plot_w * ((day - first).days / span if span else 0.5)

    def y(value: float) -> float:
        return top + plot_h * (1 - value / high)

    path = " ".join(
        f"{'M' if i == 0 else 'L'}{_fmt(x(d))},{_fmt(y(float(v)))}"
        for i, (d, v) in enumerate(points)
    )
    peak_day, peak_value = max(points, key=lambda p: p[1])
    desc = escape(
        _(
            "%(days)s days from %(first)s to %(last)s; peak %(peak)s %(unit)s on %(day)s."
        )
        % {
            "days": len(points),
            "first": first,
            "last": last,
            "peak": number(peak_value),
            "unit": unit,
            "day": peak_day,
        }
    )
    dots = "".join(
        f'<circle cx="{_fmt(x(d))}" cy="{_fmt(y(float(v)))}" r="2.5">'
        f"<title>{d}: {escape(number(v))} {escape(str(unit))}</title></circle>"
        for d, v in points
    )
    return _safe(
        title,
        f'<svg class="chart chart-line" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="chart{uid}t chart{uid}d" preserveAspectRatio="xMidYMid meet">'
        f'<title id="chart{uid}t">{label}</title><desc id="chart{uid}d">{desc}</desc>'
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" '
        f'y2="{top + plot_h}"/>'
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>'
        f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">'
        f"{escape(number(Decimal(str(high))))}</text>"
        f'<text class="tick" x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>'
        f'<text class="tick" x="{left}" y="{height - 8}">{first:%d %b}</text>'
        f'<text class="tick" x="{width - right}" y="{height - 8}" '
        f'text-anchor="end">{last:%d %b}</text>'
        f'<path class="series" d="{path}"/>{dots}</svg>',
    )


def goal_bars(
    *, title: str, items: list[tuple[str, Decimal, Decimal]], width: int = 560
) -> SafeString:
    """Goals against actuals: one bar per goal (``label``, ``actual``, ``target``)."""
    uid = next(_ids)
    row_h, label_w, right = 34, 170, 70
    height = max(row_h * len(items), row_h) + 8
    bar_w = width - label_w - right
    parts = []
    summary = []
    for i, (label, actual, target) in enumerate(items):
        share = float(actual / target) if target else 0.0
        filled = min(share, 1.0) * bar_w
        y0 = 4 + i * row_h
        state = "met" if actual >= target else "short"
        text = _("%(label)s: %(actual)s of %(target)s (%(pct)s%%)") % {
            "label": label,
            "actual": number(actual),
            "target": number(target),
            "pct": int(share * 100),
        }
        summary.append(text)
        parts.append(
            f'<g class="goal goal-{state}"><title>{escape(text)}</title>'
            f'<text class="goal-label" x="0" y="{y0 + 18}">{escape(str(label))}</text>'
            f'<rect class="track" x="{label_w}" y="{y0 + 4}" width="{bar_w}" '
            'height="18" rx="4"/>'
            f'<rect class="fill" x="{label_w}" y="{y0 + 4}" width="{_fmt(filled)}" '
            'height="18" rx="4"/>'
            f'<text class="goal-pct" x="{width - right + 6}" y="{y0 + 18}">'
            f"{int(share * 100)}%{' ✓' if state == 'met' else ''}</text></g>"
        )
    return _safe(
        title,
        f'<svg class="chart chart-goals" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="chart{uid}t chart{uid}d">'
        f'<title id="chart{uid}t">{escape(str(title))}</title>'
        f'<desc id="chart{uid}d">{escape("; ".join(summary))}</desc>'
        + "".join(parts)
        + "</svg>",
    )
