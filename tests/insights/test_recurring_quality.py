"""Grouping quality on held-out sets nobody tuned on (SPEC §2: ARI ≥ 0.8, coverage ≥
0.9, answered-by precision ≥ 0.8).

``tests/insights/data/heldout_tickets.json`` and ``heldout2_tickets.json`` are written
independently of the tuning sets (labelled, paraphrase, dev and negatives) and placed by
the person who evaluates; without them these tests fail: a missing held-out set is a
gap, not a pass. The grouping (ARI, coverage) is asserted on both.

The answered-by bar is asserted on ``heldout2`` only. The first held-out set's
answered-by figure was seen (0.2, 1 of 5 judged groups) while the call was still the
centre-only cosine ≥ 0.4, and the call was then rewritten because of it, so for
answered-by that set is no longer held out: ``find_recurring_questions --evaluate``
and the README keep reporting it, but it proves nothing about the new call.
``heldout2`` was written after that and measured once, with the call frozen
(HELDOUT2.md).
"""

import json
from pathlib import Path

import pytest

from insights import recurring
from insights.management.commands.find_recurring_questions import answers_for

DATA = Path(__file__).parent / "data"
HELDOUT = {
    "heldout": DATA / "heldout_tickets.json",
    "heldout2": DATA / "heldout2_tickets.json",
}

_MEASURED: dict[str, dict] = {}


def _figures(name: str) -> dict:
    """Measured once per test process, inside the calling test's own transaction of
    the test database (the embedding-cache rows it writes are rolled back)."""
    path = HELDOUT[name]
    assert path.exists(), f"the held-out set {path} is missing"
    if name not in _MEASURED:
        items = json.loads(path.read_text(encoding="utf-8"))
        _MEASURED[name] = recurring.evaluate(items, answers=answers_for(path))
    return _MEASURED[name]


@pytest.fixture(params=sorted(HELDOUT))
def heldout_figures(request, db):
    return _figures(request.param)


@pytest.fixture
def heldout2_figures(db):
    return _figures("heldout2")


def test_heldout_groups_agree_with_the_labels(heldout_figures):
    assert heldout_figures["ari"] >= 0.8, heldout_figures


def test_heldout_recurring_topics_land_in_groups(heldout_figures):
    assert heldout_figures["coverage"] >= 0.9, heldout_figures


def test_heldout2_answered_by_is_precise(heldout2_figures):
    assert heldout2_figures["answered_by_precision"] is not None, (
        "no answered group could be judged: heldout2_answers.json maps each "
        "held-out topic to the article slug that answers it (or null)",
        heldout2_figures,
    )
    assert heldout2_figures["answered_by_precision"] >= 0.8, heldout2_figures
