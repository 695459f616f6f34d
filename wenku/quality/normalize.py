"""Text normalisation shared by every quality check.

Two files hold "the same text" when their extracted texts agree after NFKC (full-width and
half-width forms, ligatures, circled digits …), case folding, and dropping every character
that is not a letter or a digit. Whitespace, line breaks and punctuation are exactly what
differs between a DOCX and the PDF exported from it (PDFium breaks lines and adds stray
spaces), so they are folded away. Each normalised character remembers the offset of the
original character it came from, so findings can point back into the extracted text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Below this many normalised characters a text hash says nothing (scans, empty pages).
MIN_HASHED_CHARS = 50


@lru_cache(maxsize=65536)
def _fold(ch: str) -> str:
    """The normalised form of one character: '' for whitespace, punctuation and symbols."""
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if unicodedata.category(c)[0] in "LN":
            out.append(c)
    return "".join(out)


@dataclass(frozen=True)
class Normalized:
    text: str  # letters and digits only
    offsets: list[int]  # offsets[i] = index in the original text of normalised char i
    source_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalised [start, end)."""
        if start >= end:
            return (self.offsets[start] if start < len(self.offsets) else self.source_length,) * 2
        return self.offsets[start], self.offsets[end - 1] + 1


def _dropped_class() -> str:
    """A regex class of the common characters that fold to nothing: spaces and the ASCII,
    general, CJK and full-width punctuation (checked with _fold itself, so never wrong)."""
    ranges = ((0x09, 0x7F), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
    chars = (chr(c) for low, high in ranges for c in range(low, high + 1))
    return "".join(re.escape(c) for c in chars if _fold(c) == "")


# Runs of characters that normalise to themselves (lower-cased: ASCII letters and digits, the
# CJK Unified Ideographs) are copied whole, runs that fold to nothing are skipped; only what
# else lies between goes through _fold one character at a time.
_RUNS = re.compile(rf"(?P<plain>[0-9A-Za-z\u4e00-\u9fff]+)|[{_dropped_class()}]+")


def normalize(text: str) -> Normalized:
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _RUNS.finditer(text):
        start, end = match.span()
        if start > position:
            _fold_each(text, position, start, parts, offsets)
        if match.lastgroup == "plain":
            parts.append(match.group().lower())
            offsets.extend(range(start, end))
        position = end
    _fold_each(text, position, len(text), parts, offsets)
    return Normalized("".join(parts), offsets, len(text))


def _fold_each(text: str, start: int, end: int, parts: list[str], offsets: list[int]) -> None:
    fold = _fold
    for index in range(start, end):
        for c in fold(text[index]):
            parts.append(c)
            offsets.append(index)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("tw2sp")


def fold_script(norm: str) -> str:
    """A normalised text in Simplified characters, for near-duplicate matching: a
    Traditional-script copy of a document is the same document. OpenCC's tw2sp also turns
    Taiwan usage back into mainland words (軟體 → 软件), as s2twp converters change them.
    Not used for the text hash (text_sha256), which stays the exact normalised text."""
    return _t2s().convert(norm) if norm else norm


def normalized_text(text: str) -> str:
    return normalize(text).text


def text_sha256(text: str) -> str:
    """SHA-256 of the normalised text, or '' when there is too little text to compare."""
    return normalized_sha256(normalized_text(text))


def normalized_sha256(norm: str) -> str:
    if len(norm) < MIN_HASHED_CHARS:
        return ""
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


_BLANK = re.compile(r"^[\s\u3000]*$")
_SENTENCE_END = re.compile(r"[。！？!?…；;：:][”’」』）)]*$")
WRAPPED_SHARE = 0.4  # this share of lines at the full width: the text is wrapped lines
WIDTH_SLACK = 3  # characters: stray spaces and half-width punctuation change line lengths


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the paragraphs of an extracted text.

    The pipeline's text has one paragraph per line (wenku.conversion.pdf.clean_text joins
    wrapped lines). Raw PDF text — many lines cut at the same width — is joined here the
    same way: a line that runs to the full width continues on the next one.
    """
    lines: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        if not _BLANK.match(line):
            lines.append(_strip(text, position, position + len(line)))
        position += len(line)
    if not lines:
        return []
    # Wrapped lines are cut at one width: most of them are within a few characters of the
    # commonest length. Paragraphs of flowed text vary far more than that.
    widths = [b - a for a, b in lines]
    full = max(set(widths), key=lambda w: sum(1 for x in widths if abs(x - w) <= WIDTH_SLACK))
    # … and a wrapped line ends mid-sentence, where a paragraph ends with a full stop.
    cut = [not _SENTENCE_END.search(text[a:b]) for a, b in lines]
    at_full = [i for i, w in enumerate(widths) if abs(w - full) <= WIDTH_SLACK]
    wrapped = (
        full >= 20
        and len(widths) >= 5
        and len(at_full) >= WRAPPED_SHARE * len(widths)
        and sum(cut[i] for i in at_full) >= 0.6 * len(at_full)
    )
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for (a, b), mid_sentence in zip(lines, cut, strict=True):
        current = (current[0], b) if current else (a, b)
        if not (wrapped and mid_sentence and b - a >= full - WIDTH_SLACK):
            spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
