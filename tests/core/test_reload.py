"""A CSV re-load's preview (core/reload.py): rows split new / changed / unchanged
against what is stored, changed values listed first old → new, and a confirmation
refused once the stored values it was shown have moved."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from core.reload import check_previewed, diff_rows, preview_sample


@dataclass(frozen=True)
class Row:
    key: str
    value: Decimal


ROWS = [Row("a", Decimal(1)), Row("b", Decimal(2)), Row("c", Decimal(3))]
STORED = {"a": Decimal(1), "b": Decimal(5)}


def test_rows_split_against_the_stored_values():
    diff = diff_rows(ROWS, STORED)
    assert [r.key for r in diff.new] == ["c"]
    assert [r.key for r in diff.changed] == ["b"]
    assert diff.previous == {"b": Decimal(5)}
    assert diff.counts == {"new": 1, "changed": 1, "unchanged": 1}
    assert [r.key for r in diff.to_write] == ["c", "b"]


def test_the_sample_lists_changed_values_first_old_to_new_and_stops_at_the_limit():
    diff = diff_rows([*ROWS, Row("d", Decimal(4))], STORED)
    sample = preview_sample(diff, describe=lambda r: [r.key], show=str, limit=2)
    assert [(s["cells"], s["old"], s["new"], s["state"]) for s in sample] == [
        (["b"], "5", "2", "changed"),
        (["c"], None, "3", "new"),
    ]


def test_a_confirmation_holds_while_the_stored_values_stay():
    shown = diff_rows(ROWS, STORED).fingerprint()
    check_previewed(diff_rows(ROWS, dict(STORED)), shown)
    check_previewed(diff_rows(ROWS, STORED), None)  # no preview (the API)


@pytest.mark.parametrize(
    "moved", [{"a": Decimal(1), "b": Decimal(6)}, {"a": Decimal(1)}, {}]
)
def test_a_confirmation_is_refused_once_the_stored_values_moved(moved):
    shown = diff_rows(ROWS, STORED).fingerprint()
    with pytest.raises(ApplicationError, match="changed since this preview"):
        check_previewed(diff_rows(ROWS, moved), shown)
