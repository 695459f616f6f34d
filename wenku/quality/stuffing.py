"""Stuffing: passages repeated within a document, and paragraphs unrelated to it.

    report = analyse(text)            # text = the extracted text, pages joined by "\\n"
    report.score, report.spans        # spans: original character offsets [start, end)

What is flagged:
- every later copy of a repeated passage (kind "repeat");
- the first occurrence too when the passage occurs three times or more, or when it is off the
  document's topic — an inserted unrelated paragraph is stuffing in every one of its places;
- paragraphs off the document's topic (kind "off_topic"), even when they occur once.

The score is the share of the document's (normalised) characters that are flagged: 0.12
means 12% of the text is stuffing. The caller compares it with WENKU_STUFFING_THRESHOLD.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field

from .normalize import Normalized, normalize, paragraph_spans
from .repeats import find_repeats
from .topic import Unit, score_units

MIN_CHARS = 200  # shorter texts are not judged (normalised characters)
MAX_CHARS = 400_000  # longer texts are judged on their first MAX_CHARS characters
FIRST_ALSO_FROM = 3  # occurrences from which the first one is flagged too
# Default WENKU_STUFFING_THRESHOLD: 2% of the text. Every stuffed document of the evaluation
# set scores far above it (its documents are short); it keeps a single short flagged passage
# in a long document (a 40-character repeat in 30 pages) from holding the document.
DEFAULT_THRESHOLD = 0.02


@dataclass
class Span:
    start: int  # offsets into the extracted text, [start, end)
    end: int
    kind: str  # "repeat" | "off_topic"
    text: str
    occurrences: int = 1  # of the same passage in the document
    similarity: float | None = None  # topic similarity, for off-topic paragraphs

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class StuffingReport:
    score: float
    spans: list[Span] = field(default_factory=list)
    duplicate_fraction: float = 0.0  # Gopher's measure, for the record
    chars: int = 0  # normalised characters judged

    def stuffed(self, threshold: float) -> bool:
        return bool(self.spans) and self.score >= threshold


@dataclass
class _Piece:
    start: int  # normalised offsets
    end: int
    group: int
    passage: bool  # part of a repeated passage


def _pieces(norm: Normalized, text: str, passages) -> list[_Piece]:
    """Paragraphs, cut where repeated passages begin and end (stuffing is often glued in)."""
    offsets = norm.offsets
    bounds: list[tuple[int, int]] = []
    for a, b in paragraph_spans(text):
        lo, hi = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
        if hi > lo:
            bounds.append((lo, hi))
    cuts = sorted({p.start for p in passages} | {p.end for p in passages})
    pieces: list[_Piece] = []
    next_group = max((p.group for p in passages), default=-1) + 1
    for lo, hi in bounds:
        inner = [lo] + [c for c in cuts if lo < c < hi] + [hi]
        for a, b in zip(inner, inner[1:], strict=False):
            owner = next((p for p in passages if p.start <= a and b <= p.end), None)
            if owner is not None:
                pieces.append(_Piece(a, b, owner.group, True))
            else:
                pieces.append(_Piece(a, b, next_group, False))
                next_group += 1
    return pieces


SNAP = 16  # a span reaching fewer characters than this into a neighbouring line stops short


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a span that runs a few characters into the next or previous paragraph: a copy
    followed by a paragraph that happens to begin like the original's neighbour."""
    last_break = text.rfind("\n", start, end)
    if last_break > start and end - last_break <= SNAP:
        end = last_break
    first_break = text.find("\n", start, end)
    if first_break != -1 and first_break - start < SNAP and first_break + 1 < end:
        start = first_break + 1
    # Normalised text has no punctuation: take back the marks that close and open the span.
    while end < len(text) and _is_mark(text[end]):
        end += 1
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    return start, end


_OPENING = "“‘「『（(【[《〈"


def _is_mark(ch: str) -> bool:
    return not ch.isalnum() and not ch.isspace()


def analyse(text: str) -> StuffingReport:
    text = text[:MAX_CHARS]
    norm = normalize(text)
    n = len(norm.text)
    if n < MIN_CHARS:
        return StuffingReport(score=0.0, chars=n)
    passages, dup_fraction = find_repeats(norm.text)
    occurrences: dict[int, int] = {}  # copies + the first occurrence
    for p in passages:
        occurrences[p.group] = occurrences.get(p.group, 1) + (1 if p.copy else 0)

    pieces = _pieces(norm, text, passages)
    units = [Unit(norm.text[p.start : p.end], p.group) for p in pieces]
    topics = score_units(units)
    off_groups = {
        piece.group
        for piece, topic in zip(pieces, topics, strict=True)
        if topic is not None and topic.off_topic
    }
    similarity = {
        piece.group: topic.similarity
        for piece, topic in zip(pieces, topics, strict=True)
        if topic is not None
    }

    flagged: list[tuple[int, int, str, int]] = []  # normalised start, end, kind, group
    for p in passages:
        repeated = occurrences.get(p.group, 1) >= 2
        if not repeated:
            continue
        if p.copy or occurrences[p.group] >= FIRST_ALSO_FROM or p.group in off_groups:
            flagged.append((p.start, p.end, "repeat", p.group))
    for piece, topic in zip(pieces, topics, strict=True):
        if topic is not None and topic.off_topic and occurrences.get(piece.group, 1) < 2:
            flagged.append((piece.start, piece.end, "off_topic", piece.group))

    flagged.sort()
    spans: list[Span] = []
    covered = 0
    last_end = 0
    for a, b, kind, group in flagged:
        covered += max(0, b - max(a, last_end))
        last_end = max(last_end, b)
        start, end = _snap(text, *norm.span(a, b))
        spans.append(
            Span(
                start=start,
                end=end,
                kind=kind,
                text=text[start:end],
                occurrences=occurrences.get(group, 1),
                similarity=similarity.get(group),
            )
        )
    return StuffingReport(
        score=round(covered / n, 4), spans=spans, duplicate_fraction=round(dup_fraction, 4), chars=n
    )
