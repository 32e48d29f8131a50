"""The one chart module: server-rendered inline SVG (pure: no database, no JavaScript).

Every chart is an ``<svg class="chart" role="img">`` with a ``<title>``, a ``<desc>``
and an ``aria-label`` that reads the figures out (the peak, for a long series), and
each bar or dot carries its own ``<title>`` (a tooltip on hover), so no figure is
told by colour alone: a second series is dashed as well as coloured and the legend
marks it with its own glyph; a goal that is met carries a ✓. Text is 15.5 units in a
560-unit viewBox and the chart is never drawn narrower than 400px
(``static/css/charts.css``), so it is at least 11px on screen
(``tests/e2e/test_accessibility.py`` measures it); a narrower box scrolls inside a
region the keyboard reaches. Every text is escaped here, so the result is marked
safe. Numbers are in the active language's separators. Days are plain calendar
days: no time zone handling.

HTML built in Python is a last resort (STYLE.md): it is kept here, in one place,
because an SVG's geometry is arithmetic over the figures, not markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 560, 220
# Series differ by pattern as well as colour (solid / dashed, in charts.css); the
# legend shows which is which without colour.
LEGEND_MARKS = ("■", "□")  # bars: filled / outlined-dashed
LINE_MARKS = ("━", "┅")  # lines: solid / dashed
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 12, 24, 40
# more values than this and the description names the range and the peak instead
# of reading every value out; the axis labels are thinned to about this many
LISTED = 12


def _fmt(value: float | Decimal | None) -> str:
    if value is None:
        return "–"
    # in the active language's separators (``1.234,5`` in Indonesian)
    places = 0 if float(value).is_integer() else 1
    return number_format(float(value), places, force_grouping=True)


def _with_unit(value, unit: str) -> str:
    """``3h``, ``40%`` but ``4 hours``: a symbol sticks to the number, a word not."""
    text = _fmt(value)
    if not unit or value is None:
        return text
    return f"{text}{unit}" if len(unit) <= 1 else f"{text} {unit}"


def _scale_max(values: Sequence[float | None]) -> float:
    top = max([float(v) for v in values if v is not None] or [0])
    if top <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(top))) - 1)
    for step in (1, 2, 5, 10):
        if top <= step * magnitude:
            return float(step * magnitude)
    return float(top)


def _describe(labels: Sequence[str], values: Sequence, unit: str) -> str:
    """Every value read out, or for a long series its range and its peak."""
    known = [(str(label), v) for label, v in zip(labels, values, strict=True)]
    if len(known) > LISTED:
        measured = [(label, v) for label, v in known if v is not None]
        if not measured:
            return ""
        peak_label, peak = max(measured, key=lambda p: p[1])
        return _(
            "%(count)s values from %(first)s to %(last)s; peak %(peak)s on %(day)s"
        ) % {
            "count": len(known),
            "first": known[0][0],
            "last": known[-1][0],
            "peak": _with_unit(peak, unit),
            "day": peak_label,
        }
    return "; ".join(f"{label}: {_with_unit(v, unit)}" for label, v in known)


def _region(title: str, svg: str) -> SafeString:
    """The chart in a keyboard-reachable scrolling region (never narrower than
    400px, so on a narrow screen it scrolls)."""
    svg = (
        f'<div class="chart-scroll" tabindex="0" role="region" '
        f'aria-label="{escape(title)}">{svg}</div>'
    )
    # every text and attribute put into the markup went through ``escape``;
    # numbers are formatted (reviewed; tests/core/test_charts.py)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


def _svg(title: str, description: str, body: str, *, height: int, css: str = ""):
    return _region(
        title,
        f'<svg class="chart{css}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(description)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        f"{body}</svg>",
    )


def _frame(title: str, description: str, body: list[str], top: float) -> SafeString:
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    grid = []
    for fraction in (0, 0.5, 1):
        y = PAD_TOP + plot_h * (1 - fraction)
        grid.append(
            f'<line class="chart-grid" x1="{PAD_LEFT}" y1="{y:.1f}" '
            f'x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}"/>'
            f'<text class="chart-axis" x="{PAD_LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{escape(_fmt(top * fraction))}</text>'
        )
    return _svg(title, description, "".join(grid + body), height=HEIGHT)


def _series_description(title: str, labels, series: dict, unit: str) -> str:
    parts = [
        f"{name}: {_describe(labels, values, unit)}" for name, values in series.items()
    ]
    return f"{title}. " + " | ".join(parts)


def _legend(k: int, name: str, marks: tuple[str, str]) -> str:
    return (
        f'<text class="chart-legend chart-series-{k}" '
        f'x="{PAD_LEFT + 4 + 150 * k}" y="14">{marks[k % 2]} {escape(name)}</text>'
    )


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], *, unit: str = ""
) -> SafeString:
    """Vertical bars, one per label (labels under the bars, values above)."""
    values = [v or 0 for v in values]
    top = _scale_max(values)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / max(len(values), 1)
    bar_w = max(slot * 0.6, 2)
    body = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * float(value) / top
        x = PAD_LEFT + slot * i + (slot - bar_w) / 2
        y = PAD_TOP + plot_h - h
        body.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: '
            f"{escape(_with_unit(value, unit))}</title></rect>"
            f'<text class="chart-value" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
            f'text-anchor="middle">{escape(_fmt(value))}</text>'
            f'<text class="chart-label" x="{x + bar_w / 2:.1f}" '
            f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
            f"{escape(str(label)[:14])}</text>"
        )
    description = _describe(labels, values, unit)
    return _frame(title, f"{title}. {description}" if description else title, body, top)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    unit: str = "",
) -> SafeString:
    """One polyline per series (a value of None is skipped), a dot per value, a
    legend; on a long series the axis labels are thinned to about a dozen."""
    every = [v for values in series.values() for v in values if v is not None]
    top = _scale_max(every)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    n = max(len(labels), 1)
    step = plot_w / max(n - 1, 1)
    stride = 1 if n <= LISTED else -(-n // (LISTED // 2))
    body = []
    for i, label in enumerate(labels):
        if i % stride == 0:
            body.append(
                f'<text class="chart-label" x="{PAD_LEFT + step * i:.1f}" '
                f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
                f"{escape(str(label))}</text>"
            )

    def y(value) -> float:
        return PAD_TOP + plot_h * (1 - float(value) / top)

    for k, (name, values) in enumerate(series.items()):
        points = [
            f"{PAD_LEFT + step * i:.1f},{y(v):.1f}"
            for i, v in enumerate(values)
            if v is not None
        ]
        body.append(
            f'<polyline class="chart-line chart-series-{k}" fill="none" '
            f'points="{" ".join(points)}"/>'
        )
        body.extend(
            f'<circle class="chart-dot chart-series-{k}" cx="{PAD_LEFT + step * i:.1f}"'
            f' cy="{y(v):.1f}" r="3"><title>{escape(name)} {escape(str(labels[i]))}: '
            f"{escape(_with_unit(v, unit))}</title></circle>"
            for i, v in enumerate(values)
            if v is not None
        )
        body.append(_legend(k, name, LINE_MARKS))
    return _frame(title, _series_description(title, labels, series, unit), body, top)


def grouped_bar_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    unit: str = "",
) -> SafeString:
    """Side-by-side bars per label, one per series (no bar where a value is None),
    with a legend; e.g. two percentages per priority."""
    every = [v for values in series.values() for v in values if v is not None]
    top = _scale_max(every)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    slot = plot_w / max(len(labels), 1)
    bar_w = max(slot * 0.7 / max(len(series), 1), 2)
    body = [
        f'<text class="chart-label" x="{PAD_LEFT + slot * (i + 0.5):.1f}" '
        f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
        f"{escape(str(label)[:14])}</text>"
        for i, label in enumerate(labels)
    ]
    for k, (name, values) in enumerate(series.items()):
        for i, value in enumerate(values):
            if value is None:
                continue
            h = plot_h * float(value) / top
            x = PAD_LEFT + slot * i + slot * 0.15 + bar_w * k
            y = PAD_TOP + plot_h - h
            body.append(
                f'<rect class="chart-bar chart-series-{k}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}"><title>{escape(name)} '
                f"{escape(str(labels[i]))}: {escape(_with_unit(value, unit))}"
                f"</title></rect>"
                f'<text class="chart-value" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="middle">{escape(_fmt(value))}</text>'
            )
        body.append(_legend(k, name, LEGEND_MARKS))
    return _frame(title, _series_description(title, labels, series, unit), body, top)


def daily_line_chart(
    title: str, points: Sequence[tuple[date, Decimal]], *, name: str, unit: str = ""
) -> SafeString:
    """A daily trend from ``(day, value)`` pairs: every day from the first to the
    last on the axis (a day without a value is skipped by the line), labelled in
    the active language's short date."""
    if not points:
        return _svg(
            title,
            title,
            '<text class="chart-empty" x="8" y="24">—</text>',
            height=40,
        )
    values = dict(points)
    first, last = points[0][0], points[-1][0]
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    return line_chart(
        title,
        [date_format(day, "j M") for day in days],
        {name: [values.get(day) for day in days]},
        unit=unit,
    )


def goal_bars(title: str, items: Sequence[tuple[str, Decimal, Decimal]]) -> SafeString:
    """Goals against actuals: one bar per goal (``label``, ``actual``, ``target``),
    its share in words beside it and a ✓ when met."""
    row_h, label_w, right = 34, 170, 70
    height = max(row_h * len(items), row_h) + 8
    bar_w = WIDTH - label_w - right
    parts, summary = [], []
    for i, (label, actual, target) in enumerate(items):
        share = float(actual / target) if target else 0.0
        filled = min(share, 1.0) * bar_w
        y0 = 4 + i * row_h
        state = "met" if actual >= target else "short"
        text = _("%(label)s: %(actual)s of %(target)s (%(pct)s%%)") % {
            "label": label,
            "actual": _fmt(actual),
            "target": _fmt(target),
            "pct": int(share * 100),
        }
        summary.append(text)
        parts.append(
            f'<g class="goal goal-{state}"><title>{escape(text)}</title>'
            f'<text class="chart-label goal-label" x="0" y="{y0 + 18}">'
            f"{escape(str(label))}</text>"
            f'<rect class="chart-track" x="{label_w}" y="{y0 + 4}" width="{bar_w}" '
            'height="18" rx="4"/>'
            f'<rect class="chart-fill" x="{label_w}" y="{y0 + 4}" '
            f'width="{filled:.1f}" height="18" rx="4"/>'
            f'<text class="chart-value" x="{WIDTH - right + 6}" y="{y0 + 18}">'
            f"{int(share * 100)}%{' ✓' if state == 'met' else ''}</text></g>"
        )
    return _svg(
        title,
        f"{title}. " + "; ".join(summary),
        "".join(parts),
        height=height,
        css=" chart-goals",
    )
