"""Server-rendered SVG charts, as a pure module (no database, no JavaScript).

``bar_chart`` and ``line_chart`` take labels and numbers and return escaped SVG
markup (a ``SafeString``) with ``role="img"``, a ``<title>`` and an ``aria-label``
that reads the figures out, so that the chart is accessible and prints. Colours come
from CSS classes (``chart-bar``, ``chart-line``…) in ``static/css/insights.css``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 560, 220
# Series differ by pattern as well as colour (solid / dashed, in insights.css); the
# legend shows which is which without colour.
LEGEND_MARKS = ("■", "□")  # bars: filled / outlined-dashed
LINE_MARKS = ("━", "┅")  # lines: solid / dashed
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 44, 12, 24, 40


def _fmt(value: float) -> str:
    if value is None:
        return "–"
    # in the active language's separators (``1.234,5`` in Indonesian)
    places = 0 if float(value).is_integer() else 1
    return number_format(value, places, force_grouping=True)


def _scale_max(values: Sequence[float]) -> float:
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(top))) - 1)
    for step in (1, 2, 5, 10):
        if top <= step * magnitude:
            return float(step * magnitude)
    return float(top)


def _describe(title: str, labels, values, unit: str) -> str:
    pairs = "; ".join(
        f"{label}: {_fmt(value)}{unit}"
        for label, value in zip(labels, values, strict=True)
    )
    return f"{title}. {pairs}" if pairs else title


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
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(description)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(grid)
        + "".join(body)
        + "</svg>"
    )
    # Never drawn narrower than 400px (text >= 11px on screen, insights.css): on a
    # narrow screen the chart scrolls, inside a region the keyboard can reach.
    svg = (
        f'<div class="chart-scroll" tabindex="0" role="region" '
        f'aria-label="{escape(title)}">{svg}</div>'
    )
    # every text and attribute above is escaped (reviewed; tests/insights)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[float], *, unit: str = ""
) -> SafeString:
    """Vertical bars, one per label (labels under the bars, values above)."""
    values = [v or 0 for v in values]
    top = _scale_max(values)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    n = max(len(values), 1)
    slot = plot_w / n
    bar_w = max(slot * 0.6, 2)
    body = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = PAD_LEFT + slot * i + (slot - bar_w) / 2
        y = PAD_TOP + plot_h - h
        body.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}"><title>{escape(label)}: {escape(_fmt(value))}'
            f"{escape(unit)}</title></rect>"
            f'<text class="chart-value" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
            f'text-anchor="middle">{escape(_fmt(value))}</text>'
            f'<text class="chart-label" x="{x + bar_w / 2:.1f}" '
            f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
            f"{escape(str(label)[:14])}</text>"
        )
    return _frame(title, _describe(title, labels, values, unit), body, top)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    unit: str = "",
) -> SafeString:
    """One polyline per series (gaps where a value is None), with a legend."""
    every = [v for values in series.values() for v in values if v is not None]
    top = _scale_max(every)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    n = max(len(labels), 1)
    step = plot_w / max(n - 1, 1)
    body = []
    for i, label in enumerate(labels):
        if n <= 12 or i % 2 == 0:
            body.append(
                f'<text class="chart-label" x="{PAD_LEFT + step * i:.1f}" '
                f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
                f"{escape(str(label))}</text>"
            )
    descriptions = []
    for k, (name, values) in enumerate(series.items()):
        points = [
            f"{PAD_LEFT + step * i:.1f},{PAD_TOP + plot_h * (1 - v / top):.1f}"
            for i, v in enumerate(values)
            if v is not None
        ]
        body.append(
            f'<polyline class="chart-line chart-series-{k}" fill="none" '
            f'points="{" ".join(points)}"/>'
        )
        for i, v in enumerate(values):
            if v is not None:
                body.append(
                    f'<circle class="chart-dot chart-series-{k}" '
                    f'cx="{PAD_LEFT + step * i:.1f}" '
                    f'cy="{PAD_TOP + plot_h * (1 - v / top):.1f}" r="3">'
                    f"<title>{escape(name)} {escape(str(labels[i]))}: "
                    f"{escape(_fmt(v))}{escape(unit)}</title></circle>"
                )
        body.append(
            f'<text class="chart-legend chart-series-{k}" '
            f'x="{PAD_LEFT + 4 + 150 * k}" y="14">{LINE_MARKS[k % 2]} '
            f"{escape(name)}</text>"
        )
        descriptions.append(
            f"{name}: " + _describe("", labels, values, unit).lstrip(". ")
        )
    return _frame(title, f"{title}. " + " | ".join(descriptions), body, top)


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
    body, descriptions = [], []
    for i, label in enumerate(labels):
        body.append(
            f'<text class="chart-label" x="{PAD_LEFT + slot * (i + 0.5):.1f}" '
            f'y="{HEIGHT - PAD_BOTTOM + 16}" text-anchor="middle">'
            f"{escape(str(label)[:14])}</text>"
        )
    for k, (name, values) in enumerate(series.items()):
        for i, value in enumerate(values):
            if value is None:
                continue
            h = plot_h * value / top
            x = PAD_LEFT + slot * i + slot * 0.15 + bar_w * k
            y = PAD_TOP + plot_h - h
            body.append(
                f'<rect class="chart-bar chart-series-{k}" x="{x:.1f}" y="{y:.1f}" '
                f'width="{bar_w:.1f}" height="{h:.1f}"><title>{escape(name)} '
                f"{escape(str(labels[i]))}: {escape(_fmt(value))}{escape(unit)}"
                f"</title></rect>"
                f'<text class="chart-value" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                f'text-anchor="middle">{escape(_fmt(value))}</text>'
            )
        body.append(
            f'<text class="chart-legend chart-series-{k}" '
            f'x="{PAD_LEFT + 4 + 150 * k}" y="14">{LEGEND_MARKS[k % 2]} '
            f"{escape(name)}</text>"
        )
        descriptions.append(
            f"{name}: " + _describe("", labels, values, unit).lstrip(". ")
        )
    return _frame(title, f"{title}. " + " | ".join(descriptions), body, top)
