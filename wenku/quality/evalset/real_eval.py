"""Precision and recall of the detectors on the real evaluation set (real.py), per half,
per genre and per kind: used by tests/quality/test_real_evalset.py and bench/quality.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..fingerprint import fingerprint
from ..matching import MemoryLibrary, find_duplicates
from ..normalize import fold_script, normalize, normalized_sha256
from ..stuffing import HOLD_THRESHOLD, REVIEW_THRESHOLD, analyse
from .real import build_duplicate_set, build_stuffing_set


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, truth: bool, said: bool) -> None:
        if truth and said:
            self.tp += 1
        elif said:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    def line(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn})"
        )


@dataclass
class Result:
    held: Counts = field(default_factory=Counts)  # score >= HOLD: the document is held
    flagged: Counts = field(default_factory=Counts)  # score >= REVIEW: held or flagged
    by_genre: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: list[str] = field(default_factory=list)


def evaluate_stuffing(
    half: str | None = None,
    seed: int = 0,
    genres: tuple[str, ...] | None = None,
    cross: bool = False,
) -> Result:
    """`genres`: only those (default all); `cross`: the set whose every genre draws its
    inserted passages from every other (real.build_stuffing_set)."""
    result = Result()
    for doc in build_stuffing_set(seed, cross):
        if (half and doc.half != half) or (genres and doc.genre not in genres):
            continue
        report = analyse(doc.text)
        held, flagged = report.score >= HOLD_THRESHOLD, report.score >= REVIEW_THRESHOLD
        result.held.add(doc.stuffed, held)
        result.flagged.add(doc.stuffed, flagged)
        result.by_genre[doc.genre].add(doc.stuffed, held)
        result.by_kind[doc.kind].add(doc.stuffed, held)
        if held != doc.stuffed:
            result.errors.append(f"{doc.id}: score {report.score}")
    return result


def evaluate_duplicates(half: str | None = None, seed: int = 0) -> Result:
    """Each query against a library of the originals; a query is right when it finds its
    origin (if any) and nothing else."""
    library_docs, queries = build_duplicate_set(seed)
    library = MemoryLibrary()
    for doc in library_docs:
        norm = normalize(doc.text).text
        folded = fold_script(norm)
        library.add(doc.id, folded, fingerprint(folded), text_sha=normalized_sha256(norm))
    result = Result()
    for query in queries:
        if half and query.half != half:
            continue
        norm = normalize(query.text).text
        folded = fold_script(norm)
        found = find_duplicates(
            library, folded, fingerprint(folded), text_sha=normalized_sha256(norm)
        )
        ids = [m.doc_id for m in found]
        for doc_id in ids:  # precision: each reported match
            good = doc_id == query.origin
            result.held.add(good, True)
            result.by_genre[query.genre].add(good, True)
            result.by_kind[query.kind].add(good, True)
            if not good:
                result.errors.append(f"{query.id} ({query.kind}) matched {doc_id}")
        if query.origin is not None and query.origin not in ids:  # recall: each copy
            result.held.add(True, False)
            result.by_genre[query.genre].add(True, False)
            result.by_kind[query.kind].add(True, False)
            result.errors.append(f"{query.id} ({query.kind}) missed its original")
        if query.origin is None and not ids:
            result.held.add(False, False)
            result.by_kind[query.kind].add(False, False)
    return result


def kinds(result: Result) -> Counter:
    return Counter({k: c.tp + c.fn for k, c in result.by_kind.items()})
