"""The detectors meet their targets on the labelled evaluation set (fixed seeds).

Near-duplicates: precision >= 0.95 and recall >= 0.9 on the generated set. Stuffing's targets
are on the real set (test_real_evalset.py). This checks behaviour, not speed:
bench/quality.py measures lookup times.
"""

from __future__ import annotations

import pytest

from wenku.quality.evalset import build_duplicate_set, build_stuffing_set
from wenku.quality.evalset.evaluate import evaluate_duplicates, evaluate_stuffing
from wenku.quality.services import DEFAULT_STUFFING_THRESHOLD
from wenku.quality.stuffing import analyse


def test_the_set_is_deterministic_and_has_every_kind():
    a, b = build_duplicate_set(7), build_duplicate_set(7)
    assert [q.text for q in a.queries] == [q.text for q in b.queries]
    kinds = {q.kind for q in a.queries}
    assert {"cover", "pages_added", "pages_removed", "part", "title", "pdf", "edits"} <= kinds
    assert {"template", "remix"} <= kinds  # negatives: same template, shared sentences
    stuffing = build_stuffing_set(11)
    assert {d.kind for d in stuffing} >= {"insert_many", "insert_once", "repeat_own"}
    assert sum(d.stuffed for d in stuffing) >= 100 and sum(not d.stuffed for d in stuffing) >= 100
    genres = {q.id.split("-")[0] for q in a.queries}
    assert {"report", "speech", "lesson", "contract", "essay"} <= genres


@pytest.mark.parametrize("seed", [7, 3])
def test_near_duplicates_meet_the_targets(seed):
    scores = evaluate_duplicates(build_duplicate_set(seed))
    assert scores.precision >= 0.95, scores.summary()
    assert scores.recall >= 0.9, scores.summary()
    # distinct documents of one template are never flagged
    for kind, counts in scores.by_kind.items():
        if kind.startswith("template"):
            assert counts["bad"] == 0, scores.errors


def test_stuffing_on_the_generated_set_holds_no_clean_document():
    """The project's own generated set, seed 4 (seed 11 is part of the fit): foreign
    paragraphs that differ from the document by topic alone. The targets are on the real set
    (test_real_evalset.py); here no clean document may be held, a document repeating its own
    paragraph is not stuffing (issue #11: repetition that belongs to a document), and at
    least the measured share of insertions is caught (0.53 when this was written; short
    documents, of fewer than 8 judged parts, are flagged for staff but not held)."""
    docs = build_stuffing_set(4)
    own = [d for d in docs if d.kind == "repeat_own"]
    scores = evaluate_stuffing(
        [d for d in docs if d.kind != "repeat_own"], DEFAULT_STUFFING_THRESHOLD
    )
    assert scores.precision >= 0.97, scores.summary() + "\n" + "\n".join(scores.errors)
    assert scores.recall >= 0.5, scores.summary()
    assert scores.span_recall >= 0.8  # what is caught is caught (nearly) whole
    assert not any(analyse(d.text).stuffed() for d in own)
