"""Finding the documents a text duplicates, whatever stores the library.

Three stages, cheapest first:
1. exact: the same file (SHA-256 of the bytes) or the same normalised text (SHA-256);
2. candidates: documents sharing LSH keys with the text (an indexed lookup, see index.py),
   ranked by how many keys they share, screened on their stored segment signatures (the
   top ALWAYS_VERIFIED are verified whatever their screen);
3. verification: exact containment of 5-character shingle sets, both ways, on the texts.

A match is reported when either text is contained in the other to at least `threshold`
(default 0.8): "near" when both are, "part_of" when the new text is a part of the old one,
"contains" when the new text holds the old one plus more (a cover page, extra pages).
Documents of the same template share their stock clauses and headings, but not 80% of
their text; the evaluation set checks that they are not flagged.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from .fingerprint import SHINGLE, Fingerprint, kgram_hashes, overlap

DEFAULT_THRESHOLD = 0.8
SCREEN = 0.3  # segment coverage (either side) a candidate needs to be verified on its text
# … except the candidates sharing the most keys, always verified: sections in another order
# cut the segments at their seams, and a re-ordered copy covered 0.18–0.28 of its original's
# segments while 99% of its text is in it (the real evaluation set).
ALWAYS_VERIFIED = 2
MAX_VERIFIED = 20  # candidates verified per lookup, most shared keys first
MIN_CONTAINED_CHARS = 200  # a smaller text "contained" in another proves nothing

KIND_ORDER = {"file": 0, "text": 1, "near": 2, "part_of": 3, "contains": 4}


@dataclass
class Match:
    doc_id: Hashable
    kind: str  # "file" | "text" | "near" | "part_of" | "contains"
    similarity: float  # what the kind is about: 1.0, Jaccard, or the containment
    new_in_old: float = 1.0  # share of the new text found in the old document
    old_in_new: float = 1.0  # share of the old document found in the new text

    def as_dict(self) -> dict:
        return {
            "id": self.doc_id,
            "kind": self.kind,
            "similarity": round(self.similarity, 4),
            "new_in_old": round(self.new_in_old, 4),
            "old_in_new": round(self.old_in_new, 4),
        }


class Library(Protocol):
    def by_file_hash(self, sha: str) -> list[Hashable]: ...
    def by_text_hash(self, sha: str) -> list[Hashable]: ...
    def candidates(self, keys: list[int]) -> list[tuple[Hashable, int]]: ...
    def fingerprints(self, ids: Iterable[Hashable]) -> dict[Hashable, Fingerprint]: ...
    def normalized_text(self, doc_id: Hashable) -> str: ...


def shingle_set(norm: str) -> np.ndarray:
    return np.unique(kgram_hashes(norm, SHINGLE))


def containment(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """(share of A in B, share of B in A, Jaccard) of two sorted shingle sets."""
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0, 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / len(a), common / len(b), common / (len(a) + len(b) - common)


def classify(new_in_old: float, old_in_new: float, jaccard: float, threshold: float):
    """(kind, similarity) of a verified pair, or None when it is not a duplicate."""
    if new_in_old >= threshold and old_in_new >= threshold:
        return "near", jaccard
    if new_in_old >= threshold:
        return "part_of", new_in_old
    if old_in_new >= threshold:
        return "contains", old_in_new
    return None


def find_duplicates(
    library: Library,
    norm: str,
    fp: Fingerprint,
    *,
    file_sha: str = "",
    text_sha: str = "",
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match]:
    found: dict[Hashable, Match] = {}
    if file_sha:
        for doc_id in library.by_file_hash(file_sha):
            found[doc_id] = Match(doc_id, "file", 1.0)
    if text_sha:
        for doc_id in library.by_text_hash(text_sha):
            found.setdefault(doc_id, Match(doc_id, "text", 1.0))

    ranked = [doc_id for doc_id, _ in library.candidates(fp.band_keys()) if doc_id not in found]
    screened: list[Hashable] = []
    stored = library.fingerprints(ranked[: MAX_VERIFIED * 3])
    for rank, doc_id in enumerate(ranked[: MAX_VERIFIED * 3]):
        other = stored.get(doc_id)
        if other is not None and (
            rank < ALWAYS_VERIFIED or overlap(fp, other).containment >= SCREEN
        ):
            screened.append(doc_id)
    mine = shingle_set(norm) if screened else np.zeros(0, np.uint64)
    for doc_id in screened[:MAX_VERIFIED]:
        theirs_norm = library.normalized_text(doc_id)
        new_in_old, old_in_new, jaccard = containment(mine, shingle_set(theirs_norm))
        # The contained side must be long enough for containment to mean anything.
        if len(norm) < MIN_CONTAINED_CHARS:
            new_in_old = 0.0
        if len(theirs_norm) < MIN_CONTAINED_CHARS:
            old_in_new = 0.0
        verdict = classify(new_in_old, old_in_new, jaccard, threshold)
        if verdict is not None:
            kind, similarity = verdict
            found[doc_id] = Match(doc_id, kind, similarity, new_in_old, old_in_new)
    return sorted(found.values(), key=lambda m: (KIND_ORDER[m.kind], -m.similarity))


class MemoryLibrary:
    """A library in memory: for the evaluation set, and for checking files against each
    other without a database. Same lookups as the database index, as dictionaries."""

    def __init__(self) -> None:
        self._file: dict[str, list[Hashable]] = {}
        self._text: dict[str, list[Hashable]] = {}
        self._keys: dict[int, list[Hashable]] = {}
        self._fps: dict[Hashable, Fingerprint] = {}
        self._norm: dict[Hashable, str] = {}

    def add(self, doc_id: Hashable, norm: str, fp: Fingerprint, file_sha="", text_sha="") -> None:
        if file_sha:
            self._file.setdefault(file_sha, []).append(doc_id)
        if text_sha:
            self._text.setdefault(text_sha, []).append(doc_id)
        for key in fp.band_keys():
            self._keys.setdefault(key, []).append(doc_id)
        self._fps[doc_id] = fp
        self._norm[doc_id] = norm

    def __len__(self) -> int:
        return len(self._fps)

    def by_file_hash(self, sha: str) -> list[Hashable]:
        return list(self._file.get(sha, []))

    def by_text_hash(self, sha: str) -> list[Hashable]:
        return list(self._text.get(sha, []))

    def candidates(self, keys: list[int]) -> list[tuple[Hashable, int]]:
        hits: dict[Hashable, int] = {}
        for key in keys:
            for doc_id in self._keys.get(key, ()):
                hits[doc_id] = hits.get(doc_id, 0) + 1
        return sorted(hits.items(), key=lambda item: -item[1])

    def fingerprints(self, ids: Iterable[Hashable]) -> dict[Hashable, Fingerprint]:
        return {i: self._fps[i] for i in ids if i in self._fps}

    def normalized_text(self, doc_id: Hashable) -> str:
        return self._norm.get(doc_id, "")
