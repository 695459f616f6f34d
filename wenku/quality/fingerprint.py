"""Near-duplicate fingerprints: MinHash signatures of content-defined segments, and LSH keys.

Why segments and not one signature per document: a single MinHash estimates the Jaccard
resemblance of the two whole texts, which is low when one document is a small part of the
other, or another document plus many extra pages. Cutting the normalised text into segments
(~300 characters) at content-defined anchors — positions chosen by the text itself, like
rsync/LBFS chunking — makes the same passage produce the same segments wherever it sits in a
file, so containment in either direction is the share of segments that find a partner.

Each segment gets a MinHash of its 5-character shingles (NUM_PERM values); LSH splits the
signature into BANDS bands of ROWS values, and the hash of each band is a key stored in an
indexed table. Two segments with Jaccard J share at least one key with probability
1 - (1 - J^ROWS)^BANDS: 0.98 at J = 0.8, 0.40 at 0.5, 0.06 at 0.3.

The constants define the stored format: change any of them and bump VERSION (the scan
recomputes older fingerprints).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

VERSION = 2  # 2: fingerprints of the script-folded text (normalize.fold_script)
SHINGLE = 5
NUM_PERM = 32
BANDS, ROWS = 8, 4
SEG_MIN, SEG_MAX = 120, 1000  # segment length limits, normalised characters
ANCHOR_MODULUS = 192  # a shingle is an anchor with probability 1/192: ~300-char segments
SEG_MERGE_TAIL = 60  # a last segment shorter than this joins the one before

_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_rng = np.random.default_rng(20240607)  # fixed forever: stored signatures depend on it
_PERM_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_BAND_MUL = _rng.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(0, 2**63, size=BANDS, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits of a polynomial hash over all 64 bits."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def kgram_hashes(text: str, k: int) -> np.ndarray:
    """64-bit hashes of every k-character window of `text` (len(text) - k + 1 of them)."""
    n = len(text) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):  # polynomial hash, wrapping modulo 2**64
            h = h * _BASE + codes[j : j + n]
        return _mix(h + np.uint64(k))


@dataclass
class Fingerprint:
    """The segments of one normalised text: lengths and MinHash signatures."""

    lengths: np.ndarray  # uint32, one per segment (normalised characters)
    signatures: np.ndarray  # uint32, shape (segments, NUM_PERM)

    @property
    def chars(self) -> int:
        return int(self.lengths.sum())

    def band_keys(self) -> list[int]:
        return band_keys(self.signatures)

    def to_bytes(self) -> tuple[bytes, bytes]:
        return self.lengths.astype("<u4").tobytes(), self.signatures.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, lengths: bytes, signatures: bytes) -> Fingerprint:
        lens = np.frombuffer(lengths, dtype="<u4").astype(np.uint32)
        sigs = np.frombuffer(signatures, dtype="<u4").astype(np.uint32)
        return cls(lens, sigs.reshape(len(lens), NUM_PERM))


def _cut_points(shingles: np.ndarray, total: int) -> list[int]:
    """Segment end positions (in characters) chosen by anchors, within SEG_MIN..SEG_MAX."""
    anchors = np.flatnonzero((shingles >> np.uint64(20)) % np.uint64(ANCHOR_MODULUS) == 0)
    cuts: list[int] = []
    last = 0
    for a in anchors.tolist():
        end = a + SHINGLE  # the segment ends after the anchor shingle
        while end - last > SEG_MAX:  # no anchor for too long: cut at the maximum
            last += SEG_MAX
            cuts.append(last)
        if end - last >= SEG_MIN:
            cuts.append(end)
            last = end
    while total - last > SEG_MAX:
        last += SEG_MAX
        cuts.append(last)
    if total > last:
        if cuts and total - last < SEG_MERGE_TAIL:
            cuts[-1] = total
        else:
            cuts.append(total)
    return cuts


def fingerprint(norm: str) -> Fingerprint:
    """Fingerprint a normalised text (see normalize.normalize); empty for very short texts."""
    shingles = kgram_hashes(norm, SHINGLE)
    if len(shingles) == 0:
        return Fingerprint(np.zeros(0, np.uint32), np.zeros((0, NUM_PERM), np.uint32))
    cuts = _cut_points(shingles, len(norm))
    starts = [0, *cuts[:-1]]
    lengths = np.array([b - a for a, b in zip(starts, cuts, strict=True)], dtype=np.uint32)
    signatures = np.empty((len(cuts), NUM_PERM), dtype=np.uint32)
    n = len(shingles)
    with np.errstate(over="ignore"):
        for index, (a, b) in enumerate(zip(starts, cuts, strict=True)):
            # A segment's shingles start inside it; the last ones may read into the next.
            part = shingles[a : min(b, n)] if a < n else shingles[-1:]
            values = part[:, None] * _PERM_A[None, :] + _PERM_B[None, :]
            signatures[index] = (values >> np.uint64(32)).min(axis=0).astype(np.uint32)
    return Fingerprint(lengths, signatures)


def band_keys(signatures: np.ndarray) -> list[int]:
    """The distinct LSH keys of a document's segments, as signed 64-bit integers."""
    if len(signatures) == 0:
        return []
    sig = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = _mix((sig * _BAND_MUL[None, None, :]).sum(axis=2) + _BAND_SALT[None, :])
    return np.unique(keys.ravel()).view(np.int64).tolist()


@dataclass
class Overlap:
    """How much of each text finds a similar segment in the other."""

    coverage_a: float  # share of A's characters in segments matched in B
    coverage_b: float
    resemblance: float  # matched characters of both / all characters of both

    @property
    def containment(self) -> float:
        return max(self.coverage_a, self.coverage_b)


SEGMENT_MATCH = 0.5  # estimated Jaccard at which two segments are "the same passage"


def segment_similarity(a: Fingerprint, b: Fingerprint) -> np.ndarray:
    """Estimated Jaccard of every segment of A with every segment of B: shape (|A|, |B|)."""
    if len(a.lengths) == 0 or len(b.lengths) == 0:
        return np.zeros((len(a.lengths), len(b.lengths)))
    equal = a.signatures[:, None, :] == b.signatures[None, :, :]
    return equal.mean(axis=2)


def overlap(a: Fingerprint, b: Fingerprint) -> Overlap:
    sim = segment_similarity(a, b)
    if sim.size == 0:
        return Overlap(0.0, 0.0, 0.0)
    matched_a = float(a.lengths[sim.max(axis=1) >= SEGMENT_MATCH].sum())
    matched_b = float(b.lengths[sim.max(axis=0) >= SEGMENT_MATCH].sum())
    total_a, total_b = float(a.lengths.sum()), float(b.lengths.sum())
    return Overlap(
        coverage_a=matched_a / total_a,
        coverage_b=matched_b / total_b,
        resemblance=(matched_a + matched_b) / (total_a + total_b),
    )
