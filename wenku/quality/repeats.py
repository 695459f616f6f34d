"""Passages repeated verbatim or nearly within one text.

The measure is Gopher's "duplicate n-gram character fraction" (Rae et al. 2021), adapted to
Chinese, where words are not separated: windows of REPEAT_K normalised characters stand in
for word n-grams, and a character is a duplicate when a window covering it occurred earlier.
Runs of covered characters are passages; stretches a few characters apart are one passage
(a copy with a word changed is still a copy). Short repeats are normal (running page
headers, table headings, "甲方（盖章）："), so passages shorter than MIN_REPEAT are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fingerprint import kgram_hashes

REPEAT_K = 12  # normalised characters per window
MIN_REPEAT = 40  # shortest passage that counts, normalised characters (~2 sentences)
MERGE_GAP = 16  # repeated stretches closer than this are one passage
MIN_DISTINCT = 10  # "一一一一…" or digit runs are not prose


@dataclass
class Passage:
    start: int  # normalised offsets, [start, end)
    end: int
    group: int  # passages with the same text share a group
    copy: bool  # False for the first occurrence


def _runs(mask: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """[start, end) runs of True, joining runs separated by fewer than `gap` False."""
    if not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    runs: list[tuple[int, int]] = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if runs and start - runs[-1][1] < gap:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _cover(n: int, starts: np.ndarray, k: int) -> np.ndarray:
    """Characters covered by windows of length k starting at `starts`."""
    diff = np.zeros(n + 1, dtype=np.int32)
    np.add.at(diff, starts, 1)
    np.add.at(diff, np.minimum(starts + k, n), -1)
    return np.cumsum(diff[:n]) > 0


def find_repeats(norm: str) -> tuple[list[Passage], float]:
    """Repeated passages of a normalised text, and its duplicate character fraction."""
    n = len(norm)
    hashes = kgram_hashes(norm, REPEAT_K)
    if len(hashes) == 0:
        return [], 0.0
    _, first_index, inverse, counts = np.unique(
        hashes, return_index=True, return_inverse=True, return_counts=True
    )
    positions = np.arange(len(hashes))
    repeated = counts[inverse] >= 2
    first_of = first_index[inverse]  # where each window's text occurred first
    is_copy = repeated & (first_of != positions)
    copy_mask = _cover(n, positions[is_copy], REPEAT_K)
    first_mask = _cover(n, positions[repeated & ~is_copy], REPEAT_K) & ~copy_mask
    dup_fraction = float(copy_mask.sum()) / n

    # Each character of a first occurrence knows its passage, so copies can find theirs.
    owner = np.full(n, -1, dtype=np.int64)
    passages: list[Passage] = []
    for start, end in _runs(first_mask, MERGE_GAP):
        owner[start:end] = len(passages)
        passages.append(Passage(start, end, len(passages), copy=False))
    # A copy may span several first occurrences (a stuffed paragraph glued to the text in
    # one place and copied whole elsewhere): their groups become one (union-find).
    parent = list(range(len(passages)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    copies: list[tuple[Passage, list[int]]] = []
    for start, end in _runs(copy_mask, MERGE_GAP):
        inside = positions[is_copy & (positions >= start) & (positions < end)]
        sources = sorted(set(owner[first_of[inside]].tolist()) - {-1})
        for other in sources[1:]:
            parent[find(other)] = find(sources[0])
        copies.append((Passage(start, end, -1, copy=True), sources))
    for passage in passages:
        passage.group = find(passage.group)
    orphan = len(passages)
    for passage, sources in copies:
        if sources:
            passage.group = find(sources[0])
        else:  # its first occurrence was too short to be a run of its own
            passage.group, orphan = orphan, orphan + 1
    everything = passages + [p for p, _ in copies]
    # A group survives when its copies do: a first occurrence is only one with a copy.
    keep = [p for p in everything if _is_prose(norm[p.start : p.end])]
    copied = {p.group for p in keep if p.copy}
    keep = [p for p in keep if p.group in copied]
    keep.sort(key=lambda p: p.start)
    return keep, dup_fraction


def _is_prose(text: str) -> bool:
    return len(text) >= MIN_REPEAT and len(set(text)) >= MIN_DISTINCT
