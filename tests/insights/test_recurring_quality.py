"""Grouping quality on a held-out set nobody tuned on (SPEC §2: ARI ≥ 0.8).

``tests/insights/data/heldout_tickets.json`` is written independently of the tuning
sets (labelled_tickets.json, paraphrase_tickets.json) and placed by the person who
evaluates; without it these tests fail: a missing held-out set is a gap, not a pass.
"""

import json
from pathlib import Path

import pytest

from insights import recurring
from insights.management.commands.find_recurring_questions import answers_for

HELDOUT = Path(__file__).parent / "data" / "heldout_tickets.json"


_MEASURED: dict[str, dict] = {}


@pytest.fixture
def heldout_figures(db):
    """Measured once per test process, inside the test's own transaction of the
    test database (the embedding-cache rows it writes are rolled back)."""
    assert HELDOUT.exists(), f"the held-out set {HELDOUT} is missing"
    if "heldout" not in _MEASURED:
        items = json.loads(HELDOUT.read_text(encoding="utf-8"))
        _MEASURED["heldout"] = recurring.evaluate(items, answers=answers_for(HELDOUT))
    return _MEASURED["heldout"]


def test_heldout_groups_agree_with_the_labels(heldout_figures):
    assert heldout_figures["ari"] >= 0.8, heldout_figures


def test_heldout_recurring_topics_land_in_groups(heldout_figures):
    assert heldout_figures["coverage"] >= 0.9, heldout_figures


@pytest.mark.xfail(
    strict=True,
    reason=(
        "KNOWN GAP, issue 18 open: held-out answered-by precision is 0.2 (1 of 5 "
        "groups judged) against the bar of 0.8 with the method frozen; a new method "
        "needs a new held-out set. strict: this fails loudly once it passes."
    ),
)
def test_heldout_answered_by_is_precise(heldout_figures):
    assert heldout_figures["answered_by_precision"] is not None, (
        "no answered group could be judged: heldout_answers.json maps each "
        "held-out topic to the article slug that answers it (or null)",
        heldout_figures,
    )
    assert heldout_figures["answered_by_precision"] >= 0.8, heldout_figures
