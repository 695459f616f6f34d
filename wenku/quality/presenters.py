"""What the pages show of a quality report: the author's notice, the staff panel, and the
side-by-side comparison of two documents. Plain data for the templates, no HTML."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext as _

from wenku.library.models import Document

from . import index
from .fingerprint import kgram_hashes
from .models import Match, Report
from .normalize import normalize
from .repeats import REPEAT_K

COMPARE_CHARS = 30_000  # text shown per side on the comparison page
CONTEXT = 40  # characters shown around a flagged passage


def _percent(value: float) -> int:
    return int(round(value * 100))


_UNNAMED = {"id": None, "title": "", "url": ""}  # an earlier document the author may not see


def _document_card(other: Document) -> dict:
    return {
        "id": other.pk,
        "title": other.title,
        "url": other.get_absolute_url() if other.is_listed else "",
        "listed": other.is_listed,
    }


def _pages(spans: list[dict]) -> list[int]:
    return sorted({s["page"] for s in spans if s.get("page")})


def notice(doc: Document, *, for_staff: bool = False) -> dict | None:
    """Why the checks held or rejected the document, for its author (and, `for_staff`, the
    review queue: every earlier document named, and documents published but flagged)."""
    report = Report.objects.filter(document=doc).first()
    shown = (Report.Action.HELD, Report.Action.REJECTED)
    if for_staff:
        shown += (Report.Action.FLAGGED,)
    if report is None or report.action not in shown:
        return None
    if report.decision:
        return None
    if report.action == Report.Action.HELD and doc.visibility != Document.Visibility.HELD:
        return None  # staff changed the visibility some other way
    matches = (
        Match.objects.filter(document=doc, same_owner=False)
        .select_related("other")
        .order_by("-similarity")
    )
    duplicates = [
        {
            # The author may follow a link to a listed document only; an unlisted one is
            # named by nothing (no title, no ID): "an earlier upload by another member".
            **(_document_card(m.other) if m.other.is_listed or for_staff else _UNNAMED),
            "kind": m.kind,
            "kind_label": m.get_kind_display(),
            "percent": _percent(m.similarity),
        }
        for m in matches
    ]
    return {
        "action": report.action,
        "duplicates": duplicates,
        "stuffed": report.stuffed,
        "stuffing_percent": _percent(report.stuffing_score),
        "pages": _pages(report.spans),
        "spans": len(report.spans),
        "passages": [
            {"page": span.get("page"), "text": _excerpt(span.get("text", ""))}
            for span in report.spans[:MAX_PASSAGES]
        ],
    }


MAX_PASSAGES = 10  # flagged passages listed for the author
EXCERPT = 120  # characters of each


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _highlight(text: str, spans: list[dict]) -> list[dict]:
    """The text as pieces, each marked with the kind of the span it belongs to (or '')."""
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        start, end = max(span["start"], position), min(span["end"], len(text))
        if start >= end:
            continue
        if start > position:
            pieces.append({"text": text[position:start], "kind": ""})
        pieces.append({"text": text[start:end], "kind": span["kind"]})
        position = end
    if position < len(text):
        pieces.append({"text": text[position:], "kind": ""})
    return pieces


def panel(doc: Document) -> dict | None:
    """Everything the checks found about a document, for staff."""
    report = Report.objects.filter(document=doc).select_related("reviewed_by").first()
    if report is None:
        return None
    matches = Match.objects.filter(document=doc).select_related("other", "other__owner")
    # Matches point from the newer document to the older one; later uploads that duplicate
    # this document are listed too, so staff see both sides of every pair.
    later = Match.objects.filter(other=doc).select_related("document", "document__owner")
    text = index.document_text(doc.pk)
    flagged = []
    for span in report.spans:
        start, end = span["start"], span["end"]
        flagged.append(
            {
                **span,
                "before": text[max(0, start - CONTEXT) : start],
                "after": text[end : end + CONTEXT],
                "similarity": span.get("similarity"),
            }
        )

    def row(m: Match, other: Document, newer: bool) -> dict:
        pair = (doc.pk, other.pk) if newer else (other.pk, doc.pk)
        return {
            **_document_card(other),
            "owner": other.owner,
            "same_owner": m.same_owner,
            "kind": m.kind,
            "kind_label": m.get_kind_display(),
            "percent": _percent(m.similarity),
            "newer": newer,
            "pair": pair,
        }

    return {
        "report": report,
        "stuffing_percent": _percent(report.stuffing_score),
        "duplicate_percent": _percent(report.duplicate_fraction),
        "matches": [row(m, m.other, True) for m in matches],
        "later": [row(m, m.document, False) for m in later],
        "flagged": flagged,
        "highlighted": _highlight(text, report.spans) if report.spans else [],
    }


def _shared_pieces(text: str, other_norm: str) -> list[dict]:
    """`text` in pieces marked "shared" where a REPEAT_K-character run also occurs in the
    other text (after normalisation), so staff see what the two have in common."""
    norm = normalize(text)
    mine = kgram_hashes(norm.text, REPEAT_K)
    if len(mine) == 0:
        return [{"text": text, "kind": ""}]
    shared_windows = np.isin(mine, kgram_hashes(other_norm, REPEAT_K))
    mask = np.zeros(len(norm.text) + 1, dtype=np.int32)
    starts = np.flatnonzero(shared_windows)
    np.add.at(mask, starts, 1)
    np.add.at(mask, np.minimum(starts + REPEAT_K, len(norm.text)), -1)
    covered = np.cumsum(mask[:-1]) > 0
    spans, start = [], None
    for i, flag in enumerate(covered.tolist() + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            a, b = norm.span(start, i)
            spans.append({"start": a, "end": b, "kind": "shared"})
            start = None
    return _highlight(text, spans)


def compare(doc: Document, other: Document) -> dict:
    """Two documents side by side: the stored match (if any) and their shared text."""
    from .matching import containment, shingle_set

    left, right = index.document_text(doc.pk), index.document_text(other.pk)
    left_norm, right_norm = normalize(left).text, normalize(right).text
    match = (
        Match.objects.filter(document=doc, other=other).first()
        or Match.objects.filter(document=other, other=doc).first()
    )
    a_in_b, b_in_a, jaccard = containment(shingle_set(left_norm), shingle_set(right_norm))
    return {
        "match": match,
        "kind_label": match.get_kind_display() if match else _("No match recorded"),
        "left_in_right": _percent(a_in_b),
        "right_in_left": _percent(b_in_a),
        "jaccard": _percent(jaccard),
        "same_file": bool(doc.file_sha256) and doc.file_sha256 == other.file_sha256,
        "left": {"doc": doc, "pieces": _shared_pieces(left[:COMPARE_CHARS], right_norm)},
        "right": {"doc": other, "pieces": _shared_pieces(right[:COMPARE_CHARS], left_norm)},
        "truncated": len(left) > COMPARE_CHARS or len(right) > COMPARE_CHARS,
    }
