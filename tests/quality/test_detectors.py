"""The detectors on single texts: normalisation, fingerprints, repeats, topic, the seed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenku.quality.evalset.compose import Subject, compose
from wenku.quality.evalset.transforms import join, pdf_text
from wenku.quality.fingerprint import fingerprint, overlap
from wenku.quality.matching import MemoryLibrary, find_duplicates
from wenku.quality.normalize import normalize, paragraph_spans, text_sha256
from wenku.quality.stuffing import analyse

# The seed page: beside the checkout (<repo>/../shared/seed/) where the project's shared
# folder is, else the copy kept with the tests (a clone elsewhere has no ../shared). Never
# skipped: a missing page fails the test.
SEED_NAME = "000_02db212c3dbaf5d2.txt"
SEEDS = [
    Path(__file__).resolve().parents[2].parent / "shared" / "seed" / SEED_NAME,
    Path(__file__).resolve().parent / "data" / SEED_NAME,
]
STUFFED = "跨过断桥一小步"


def seed_body() -> str:
    found = [path for path in SEEDS if path.exists()]
    if not found:
        pytest.fail(f"the seed page is missing: looked in {', '.join(map(str, SEEDS))}")
    text = found[0].read_text(encoding="utf-8")
    return text[text.index("1、为期") : text.index("当前文档最多")]


def test_normalised_text_ignores_pdf_line_breaks_spaces_and_width_forms():
    import random

    paras = compose(Subject("report", "elderly"), random.Random(1))
    as_docx = join(paras)
    as_pdf = pdf_text(paras, random.Random(2)).split("\n")
    # the PDF's running headers and page numbers are the only real differences: drop them
    as_pdf = "\n".join(line for line in as_pdf if not line.startswith(("第 ", "- ")))
    assert text_sha256("ＡＢＣ１２３，　全角") == text_sha256("abc123 全角")
    norm = normalize("甲 方：\n李明")
    assert norm.text == "甲方李明" and norm.offsets == [0, 2, 5, 6]
    assert (
        normalize(as_docx).text in normalize(as_pdf).text
        or overlap(
            fingerprint(normalize(as_docx).text), fingerprint(normalize(as_pdf).text)
        ).containment
        > 0.9
    )


def test_paragraphs_of_wrapped_pdf_text_are_joined_and_flowed_text_kept():
    flowed = "第一段写完了。\n第二段也写完了。\n一、标题\n第三段。"
    assert len(paragraph_spans(flowed)) == 4
    line = "这是一行被页面宽度截断的中文文字还没有写完"  # 21 characters, mid-sentence
    wrapped = "\n".join([line] * 6 + ["最后一行。"])
    assert paragraph_spans(wrapped) == [(0, len(wrapped))]


def test_containment_both_ways_and_unrelated_texts():
    import random

    rng = random.Random(3)
    paras = compose(Subject("contract", "lease"), rng)
    whole = normalize(join(paras)).text
    part = normalize(join(paras[3:9])).text
    other = normalize(join(compose(Subject("essay", "rain"), rng))).text
    library = MemoryLibrary()
    library.add("whole", whole, fingerprint(whole))
    library.add("other", other, fingerprint(other))
    found = find_duplicates(library, part, fingerprint(part))
    assert [(m.doc_id, m.kind) for m in found] == [("whole", "part_of")]
    bigger = normalize(join(["封面", "目录", *paras, "附件一", *paras[:2]])).text
    found = find_duplicates(library, bigger, fingerprint(bigger))
    assert [m.doc_id for m in found] == ["whole"] and found[0].old_in_new == 1.0


def test_seed_page_stuffing_is_found_in_all_four_places():
    body = seed_body()
    report = analyse(body)
    assert report.stuffed()  # at the default hold threshold
    repeats = [s for s in report.spans if s.kind == "repeat"]
    assert len(repeats) >= 4 and all(s.occurrences == 4 for s in repeats)
    # every occurrence of the stuffed sentence is inside a flagged span, with exact offsets
    starts = [i for i in range(len(body)) if body.startswith(STUFFED, i)]
    assert len(starts) == 3
    for start in starts:
        assert any(s.start <= start < s.end for s in repeats)
    for span in report.spans:
        assert body[span.start : span.end] == span.text
    assert "拓展训练" in repeats[0].text and report.score >= 0.8


def test_a_document_repeating_its_own_paragraph_is_not_stuffing():
    """Repetition that belongs to a document (a refrain, a repeated notice or command) is
    not stuffing: only passages foreign to the document are (issue #11)."""
    import random

    paras = compose(Subject("speech", "flood"), random.Random(5))
    assert analyse(join(paras)).spans == []
    doubled = paras[:6] + [paras[3]] + paras[6:]
    report = analyse(join(doubled))
    assert not report.stuffed() and report.spans == []


def test_one_unrelated_paragraph_is_off_topic():
    """One paragraph of modern prose about something else, in modern prose: foreign by topic
    alone (no difference of make-up to help). Most such passages are flagged, each exactly."""
    import random

    from wenku.quality.evalset.corpus_stuffing import STUFFING

    flagged = 0
    for passage in STUFFING:
        paras = compose(Subject("contract", "labour"), random.Random(8))
        report = analyse(join(paras[:6] + [passage] + paras[6:]))
        if report.flagged():
            flagged += 1
            assert [(s.kind, s.text) for s in report.spans] == [("off_topic", passage)]
    assert flagged >= 0.6 * len(STUFFING)
    paras = compose(Subject("contract", "labour"), random.Random(8))
    assert analyse(join(paras[:6] + [STUFFING[0]] + paras[6:])).stuffed()


def test_a_passage_pasted_back_to_back_counts_every_copy():
    """Copies pasted one after another touch, so they are one stretch of text: the detector
    counts them from the passage's length (it said 1 occurrence and "off_topic" before).
    The document's own paragraph repeated back to back is still not stuffing."""
    import random

    from wenku.quality.evalset.corpus_stuffing import STUFFING

    paras = compose(Subject("contract", "labour"), random.Random(8))
    text = join(paras[:6] + [STUFFING[1]] * 3 + paras[6:])
    report = analyse(text)
    assert report.stuffed()
    assert [(s.kind, s.occurrences) for s in report.spans] == [("repeat", 3)]
    assert report.spans[0].text.count(STUFFING[1]) == 3
    for times in (2, 4):
        assert analyse(join(paras[:6] + [paras[5]] * times + paras[6:])).spans == []


def test_the_ocr_tests_short_report_is_not_flagged():
    """The OCR tests' 4-page report excerpt (issue #11: reported held as off-topic): a
    short, clean, one-topic document — neither held nor flagged, as typed or as a scan's
    recognised lines come (one line per ~36 characters)."""
    from tests.quality.samples import paragraphs

    text = "\n".join(paragraphs("report", "egov"))
    lines = "\n".join(p[i : i + 36] for p in text.split("\n") for i in range(0, len(p), 36))
    for version in (text, lines):
        report = analyse(version)
        assert report.chars > 700 and not report.flagged() and report.spans == []
