"""Precision and recall of the detectors on the evaluation set (used by tests and the bench)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..fingerprint import fingerprint
from ..matching import DEFAULT_THRESHOLD, Library, MemoryLibrary, find_duplicates
from ..normalize import normalize, text_sha256
from ..stuffing import analyse
from .generate import DuplicateSet, EvalDoc


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[str] = field(default_factory=list)  # what went wrong, for reading
    by_kind: dict[str, Counter] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def count(self, kind: str, outcome: str) -> None:
        self.by_kind.setdefault(kind, Counter())[outcome] += 1

    def summary(self) -> str:
        kinds = ", ".join(
            f"{kind} {c['ok']}/{c['ok'] + c['bad']}" for kind, c in sorted(self.by_kind.items())
        )
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn}) [{kinds}]"
        )


def load_library(dataset: DuplicateSet, library: Library | None = None) -> Library:
    library = library if library is not None else MemoryLibrary()
    for doc in dataset.library:
        norm = normalize(doc.text).text
        library.add(doc.id, norm, fingerprint(norm), text_sha=text_sha256(doc.text))
    return library


def evaluate_duplicates(
    dataset: DuplicateSet,
    library: Library | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    resolve: Callable[[object], str] = str,
) -> Scores:
    """Each query against the library; a (query, match) pair is right when the match is the
    query's origin. `resolve` maps library ids back to evaluation ids (database rows)."""
    library = library if library is not None else load_library(dataset)
    scores = Scores()
    for query in dataset.queries:
        norm = normalize(query.text).text
        matches = find_duplicates(
            library,
            norm,
            fingerprint(norm),
            text_sha=text_sha256(query.text),
            threshold=threshold,
        )
        found = {resolve(m.doc_id) for m in matches}
        hit = query.origin is not None and query.origin in found
        wrong = found - {query.origin}
        scores.tp += int(hit)
        scores.fn += int(query.origin is not None and not hit)
        scores.fp += len(wrong)
        scores.tn += int(query.origin is None and not found)
        ok = (hit or query.origin is None) and not wrong
        scores.count(query.kind, "ok" if ok else "bad")
        if not ok:
            scores.errors.append(f"{query.id}: expected {query.origin}, found {sorted(found)}")
    return scores


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class StuffingScores(Scores):
    span_recall: float = 0.0  # share of the stuffed characters inside flagged spans
    span_precision: float = 0.0  # share of the flagged characters that are stuffing


def evaluate_stuffing(docs: list[EvalDoc], threshold: float) -> StuffingScores:
    scores = StuffingScores()
    truth_chars = flagged_chars = caught = right = 0
    for doc in docs:
        report = analyse(doc.text)
        flagged = report.stuffed(threshold)
        scores.tp += int(flagged and doc.stuffed)
        scores.fp += int(flagged and not doc.stuffed)
        scores.fn += int(not flagged and doc.stuffed)
        scores.tn += int(not flagged and not doc.stuffed)
        ok = flagged == doc.stuffed
        scores.count(doc.kind, "ok" if ok else "bad")
        if not ok:
            scores.errors.append(
                f"{doc.id}: score {report.score} "
                + "; ".join(f"{s.kind}:{s.text[:24]}" for s in report.spans)
            )
        spans = [(s.start, s.end) for s in report.spans]
        if doc.stuffed:
            truth_chars += sum(b - a for a, b in doc.stuffed_ranges)
            caught += sum(_overlap(t, s) for t in doc.stuffed_ranges for s in spans)
        flagged_chars += sum(b - a for a, b in spans)
        right += sum(_overlap(t, s) for t in doc.stuffed_ranges for s in spans)
    scores.span_recall = caught / truth_chars if truth_chars else 1.0
    scores.span_precision = right / flagged_chars if flagged_chars else 1.0
    return scores
