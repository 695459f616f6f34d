"""Stuffing: passages foreign to the document they were pasted into.

    report = analyse(text)            # text = the extracted text, pages joined by "\\n"
    report.score, report.spans        # spans: original character offsets [start, end)

Repetition alone is not stuffing: manuals repeat commands and headers, poem collections
their forms, lists and tables their row patterns. What is flagged is a unit (a paragraph, a
run of short lines, or a repeated passage counted once) that is foreign to the rest of the
document (coherence.py: topic, character bigrams and make-up, each relative to the
document's other units); a foreign passage pasted several times is more surely stuffing.

The score is the highest unit probability (0–1). Two thresholds: at or above HOLD the
document is held for review; from REVIEW up it is published and flagged for staff. Spans
are the units scoring at least REVIEW. Both were chosen on the tuning half of the real
evaluation set (wenku.quality.evalset.real) for precision first; bench/quality.py reports
the held-out half.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import asdict, dataclass, field

from .coherence import MIN_UNIT, UnitScore, score_groups, sigmoid
from .normalize import Normalized, normalize, paragraph_spans
from .repeats import find_repeats
from .topic import Unit

MIN_CHARS = 200  # shorter texts are not judged (normalised characters)
MAX_CHARS = 400_000  # longer texts are judged on their first MAX_CHARS characters
# Default WENKU_STUFFING_THRESHOLD (held) and WENKU_STUFFING_REVIEW_THRESHOLD (flagged).
HOLD_THRESHOLD = 0.8
REVIEW_THRESHOLD = 0.5
# A document of fewer judged parts than this is never held for stuffing, only flagged for
# staff: a short text gives its parts too little to be measured against (issue #11: short
# real documents were held) — unless a foreign passage is pasted in it more than once
# (coherence._pasted_foreign: the seed page, four judged parts, its 拓展训练 passage 4 times).
HOLD_MIN_UNITS = 8
# … or unless its foreign run is beyond doubt: log-odds of at least this (p >= 0.9975). On the
# real set a short clean document's best run reaches -2.4 (a 古文觀止 essay of 4–7 paragraphs,
# a page of sayings), on the generated set 2.0; a passage foreign to a short essay 8 to 40.
SHORT_HOLD_LOGIT = 6.0
RUN_BIAS = -2.0  # log-odds a unit adds to a run beyond its own (see best_run)
DEFAULT_THRESHOLD = HOLD_THRESHOLD


@dataclass
class Span:
    start: int  # offsets into the extracted text, [start, end)
    end: int
    kind: str  # "repeat" | "off_topic"
    text: str
    occurrences: int = 1  # of the same passage in the document
    similarity: float | None = None  # bigram cosine with the rest of the document
    probability: float = 0.0  # the unit's stuffing probability

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class StuffingReport:
    score: float
    spans: list[Span] = field(default_factory=list)
    duplicate_fraction: float = 0.0  # Gopher's measure, for the record
    chars: int = 0  # normalised characters judged

    def stuffed(self, threshold: float = HOLD_THRESHOLD) -> bool:
        return bool(self.spans) and self.score >= threshold

    def flagged(self, threshold: float = REVIEW_THRESHOLD) -> bool:
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
    return _marks(text, start, end)


def _marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Normalised text has no punctuation: take back the marks that close and open a span."""
    while end < len(text) and _is_mark(text[end]):
        end += 1
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    return start, end


_OPENING = "“‘「『（(【[《〈"


def _is_mark(ch: str) -> bool:
    return not ch.isalnum() and not ch.isspace()


def _units(norm: Normalized, text: str, pieces: list[_Piece]) -> list[_Piece]:
    """Pieces with consecutive short ones (headings, list items, verse lines) merged until
    they are long enough to judge; repeated passages stay whole and on their own."""
    units: list[_Piece] = []
    for piece in pieces:
        last = units[-1] if units else None
        same_passage = (
            last is not None and last.passage and piece.passage and last.group == piece.group
        )
        short_run = (
            last is not None
            and not last.passage
            and not piece.passage
            and last.end - last.start < MIN_UNIT
        )
        if last is not None and (same_passage or short_run):
            units[-1] = _Piece(last.start, piece.end, last.group, last.passage)
        else:
            units.append(piece)
    return units


@dataclass
class Judged:
    """What the detector saw: the units in text order and the score of each judged group."""

    norm: Normalized
    units: list[_Piece]
    scores: dict[int, UnitScore]
    dup_fraction: float
    occurrences: dict[int, int] = field(default_factory=dict)  # per group, of the passage


def occurrences(units: list[_Piece], passages) -> dict[int, int]:
    """How often each group's text occurs. Copies pasted back to back are one unit (their
    bounds touch), so they are counted from the passages' lengths: the characters of all
    occurrences over those of the first ones."""
    counts = Counter(u.group for u in units)
    first: Counter[int] = Counter()
    every: Counter[int] = Counter()
    for p in passages:
        every[p.group] += p.end - p.start
        if not p.copy:
            first[p.group] += p.end - p.start
    for group, size in first.items():
        counts[group] = max(counts[group], round(every[group] / size))
    return dict(counts)


def judge(text: str) -> Judged | None:
    norm = normalize(text)
    if len(norm.text) < MIN_CHARS:
        return None
    passages, dup_fraction = find_repeats(norm.text)
    units = _units(norm, text, _pieces(norm, text, passages))
    originals = [text[slice(*norm.span(u.start, u.end))] for u in units]
    counts = occurrences(units, passages)
    scores = score_groups(
        [Unit(norm.text[u.start : u.end], u.group) for u in units], originals, counts
    )
    return Judged(norm, units, scores, dup_fraction, counts)


def best_run(logits: list[float]) -> tuple[float, int, int]:
    """The run of consecutive units with the most evidence: max over runs of
    sum(z - RUN_BIAS), plus RUN_BIAS (so a run of one unit scores its own log-odds). A
    passage cut into several units, each only somewhat odd, adds up; an odd line alone
    does not. Returns (log-odds, first, last) — indexes into `logits`."""
    best, best_span = -math.inf, (0, -1)
    current, start = -math.inf, 0
    for i, z in enumerate(logits):
        if current > 0:
            current += z - RUN_BIAS
        else:
            current, start = z - RUN_BIAS, i
        if current > best:
            best, best_span = current, (start, i)
    return best + RUN_BIAS, best_span[0], best_span[1]


BRIDGE_CHARS = 100  # short units between two flagged ones are part of the passage
BRIDGE_UNITS = 3  # … when there are at most this many


def _flagged_groups(units: list[_Piece], scores: dict[int, UnitScore], run: range) -> set[int]:
    """The groups to show as stuffing: the units of the best run that add to it, units
    odd on their own, and the few short units between two of those (the lines of one pasted
    poem); a paragraph of the document lying between two pasted copies is not."""
    odd = [
        (i in run and scores[u.group].logit >= RUN_BIAS)
        or scores[u.group].probability >= REVIEW_THRESHOLD
        for i, u in enumerate(units)
    ]
    marked = {u.group for u, o in zip(units, odd, strict=True) if o}
    hits = [i for i, o in enumerate(odd) if o]
    for a, b in zip(hits, hits[1:], strict=False):
        if units[a].passage or units[b].passage:
            continue  # a repeated passage's bounds are exact: nothing to bridge
        between = units[a + 1 : b]
        if len(between) <= BRIDGE_UNITS and all(
            u.end - u.start < BRIDGE_CHARS and not u.passage for u in between
        ):
            marked |= {u.group for u in between}
    return marked


def analyse(text: str) -> StuffingReport:
    text = text[:MAX_CHARS]
    judged = judge(text)
    if judged is None:
        return StuffingReport(score=0.0, chars=len(normalize(text).text))
    norm, units, scores = judged.norm, judged.units, judged.scores
    n = len(norm.text)
    order = [i for i, u in enumerate(units) if u.group in scores]
    z, first, last = best_run([scores[units[i].group].logit for i in order])
    score = sigmoid(z) if order else 0.0
    pasted = any(scores[units[i].group].pasted for i in order[first : last + 1])
    if len(scores) < HOLD_MIN_UNITS and not pasted and z < SHORT_HOLD_LOGIT:
        score = min(score, round(HOLD_THRESHOLD - 0.01, 4))
    judged_units = [units[i] for i in order]
    flagged_groups: set[int] = set()
    if score >= REVIEW_THRESHOLD:
        flagged_groups = _flagged_groups(judged_units, scores, range(first, last + 1))
    counts = judged.occurrences
    spans: list[Span] = []
    for unit in units:
        if unit.group not in flagged_groups:
            continue
        found = scores[unit.group]
        # A repeated passage's bounds come from matching windows and may bleed into the
        # neighbouring line; a unit's are its lines.
        snap = _snap if unit.passage else _marks
        start, end = snap(text, *norm.span(unit.start, unit.end))
        kind = "repeat" if counts[unit.group] > 1 else "off_topic"
        if (
            spans
            and kind == "off_topic" == spans[-1].kind
            and not text[spans[-1].end : start].strip()
        ):
            spans[-1].end, spans[-1].text = end, text[spans[-1].start : end]  # one passage
            spans[-1].probability = max(spans[-1].probability, round(found.probability, 4))
            continue
        spans.append(
            Span(
                start=start,
                end=end,
                kind=kind,
                text=text[start:end],
                occurrences=counts[unit.group],
                similarity=round(found.features["cos"], 4),
                probability=round(found.probability, 4),
            )
        )
    return StuffingReport(
        score=round(score, 4),
        spans=spans,
        duplicate_fraction=round(judged.dup_fraction, 4),
        chars=n,
    )
