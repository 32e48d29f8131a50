"""The one chart module: accessible, escaped SVG; figures not told by colour alone."""

from datetime import date
from decimal import Decimal

from django.utils import translation

from core import charts


def test_a_bar_chart_is_accessible_svg_with_escaped_labels():
    svg = charts.bar_chart("Top <categories>", ["<script>", "Payouts"], [3, 7])
    # in a scrolling region the keyboard reaches (charts never shrink below 400px)
    assert svg.startswith('<div class="chart-scroll" tabindex="0" role="region"')
    assert '<svg class="chart"' in svg and 'role="img"' in svg
    assert "<title>Top &lt;categories&gt;</title>" in svg
    assert "<script>" not in svg
    assert 'aria-label="Top &lt;categories&gt;. &lt;script&gt;: 3; Payouts: 7"' in svg
    assert svg.count('class="chart-bar"') == 2


def test_a_line_chart_draws_one_line_per_series_and_skips_gaps():
    svg = charts.line_chart(
        "Trend", ["W1", "W2", "W3"], {"a": [1, None, 3], "b": [0, 0, 0]}
    )
    assert svg.count("<polyline") == 2
    assert svg.count('class="chart-dot chart-series-0"') == 2
    # the second series is told apart by its legend mark, not its colour alone
    assert "━ a" in svg and "┅ b" in svg


def test_a_long_series_is_described_by_its_range_and_peak_and_thins_its_labels():
    labels = [f"D{i}" for i in range(30)]
    svg = charts.line_chart("Views", labels, {"views": list(range(30))}, unit="h")
    assert "views: 30 values from D0 to D29; peak 29h on D29" in svg
    assert 2 < svg.count('class="chart-label"') <= 12


def test_a_daily_chart_puts_every_day_on_the_axis_and_escapes_its_title():
    svg = charts.daily_line_chart(
        "<script>x</script>",
        [(date(2026, 1, 1), Decimal(1)), (date(2026, 1, 3), Decimal(4))],
        name="Live hours",
        unit="hours",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<circle") == 2  # the day without a figure has no dot
    assert svg.count('class="chart-label"') == 3
    assert "Live hours: 1 Jan: 1 hours; 2 Jan: –; 3 Jan: 4 hours" in svg


def test_an_empty_chart_still_has_a_title():
    svg = charts.daily_line_chart("Nothing", [], name="x")
    assert "<title>Nothing</title>" in svg and 'role="img"' in svg


def test_goal_bars_say_the_share_in_words_and_mark_a_met_goal():
    bars = charts.goal_bars(
        "Goals",
        [("Gifts", Decimal(50), Decimal(100)), ("Hours", Decimal(12), Decimal(10))],
    )
    assert "Gifts: 50 of 100 (50%)" in bars
    assert 'role="img"' in bars and "chart-goals" in bars
    assert bars.count("goal-met") == 1 and bars.count("✓") == 1


def test_figures_are_in_the_readers_separators():
    with translation.override("id"):
        svg = charts.bar_chart("Jam", ["a"], [1234.5])
    assert "1.234,5" in svg


def test_grouped_bars_draw_a_bar_per_known_value_with_a_legend():
    svg = charts.grouped_bar_chart(
        "Within target (%)",
        ["High", "Low"],
        {"First response": [80, None], "Resolution": [50, 100]},
        unit="%",
    )
    assert svg.count('class="chart-bar chart-series-0"') == 1
    assert svg.count('class="chart-bar chart-series-1"') == 2
    assert "■ First response" in svg and "□ Resolution" in svg
    assert "First response: High: 80%; Low: –" in svg
