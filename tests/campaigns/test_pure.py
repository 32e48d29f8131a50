"""The pure modules: vocabulary roll-ups, CSV parsing and the review draft."""

from datetime import date
from decimal import Decimal

import pytest

from campaigns.loading import CSVFormatError, RawRow, read_csv, validate_rows
from campaigns.review import GoalResult, draft_summary, number
from campaigns.vocabulary import METRICS, combine


def test_the_vocabulary_is_the_documented_eight_metrics():
    assert list(METRICS) == [
        "live_hours",
        "diamonds",
        "gifts",
        "participating_creators",
        "new_followers",
        "peak_viewers",
        "videos_posted",
        "engagement_rate",
    ]


def test_combine_by_aggregate():
    values = [Decimal(2), Decimal(5)]
    assert combine("diamonds", values) == 7
    assert combine("peak_viewers", values) == 5
    assert combine("engagement_rate", values) == Decimal("3.50")
    assert combine("gifts", []) == 0


def test_csv_positions_are_file_line_numbers_and_columns_may_be_reordered():
    text = "value,metric,network,date\n1,gifts,a,2026-01-01\n\n2,gifts,a,2026-01-02\n"
    rows = list(read_csv(text))
    assert [(r.position, r.network, r.value) for r in rows] == [
        (2, "a", "1"),
        (4, "a", "2"),
    ]


def test_a_csv_without_the_columns_is_refused():
    with pytest.raises(CSVFormatError, match="missing: metric"):
        list(read_csv("network,date,value\n"))


def test_values_are_rounded_to_two_places():
    clean, errors = validate_rows(
        [RawRow(0, "a", "2026-01-01", "live_hours", "1.005")],
        networks={"a": 1},
        enrolled={1},
        start=date(2026, 1, 1),
        end=date(2026, 1, 2),
    )
    assert not errors
    assert clean[0].value == Decimal("1.01")


def test_numbers_read_well():
    assert number(Decimal("1234.50")) == "1,234.5"
    assert number(Decimal("1000.00")) == "1,000"


def test_the_review_draft_mentions_goals_top_networks_and_peak_days():
    text = draft_summary(
        name="Cup",
        start=date(2026, 3, 1),
        end=date(2026, 3, 5),
        goals=[GoalResult("gifts", Decimal(100), Decimal(40))],
        totals={"gifts": Decimal(40), "live_hours": Decimal("7.5")},
        top_networks=[("Lumen Live", Decimal(30)), ("Northstar Media", Decimal(10))],
        headline="gifts",
        peak_days=[(date(2026, 3, 2), Decimal(25))],
        network_count=2,
    )
    assert "with 2 participating networks" in text
    assert "Gifts: 40 of 100 gifts (40%) — missed" in text
    assert "Live hours: 7.5 hours" in text
    assert "1. Lumen Live: 30" in text
    assert "Mon 02 Mar (25)" in text
