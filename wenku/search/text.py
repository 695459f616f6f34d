"""Normalisation and segmentation, shared by indexing and queries (DESIGN §5).

Neither SQLite's FTS5 nor PostgreSQL segments Chinese, and jieba misses substrings that cross
its word boundaries. So every text is reduced to its letters and digits (NFKC, case-folded,
punctuation and spaces dropped: "squeezed") and indexed as overlapping character bigrams.
A query of two or more letters/digits becomes a phrase of consecutive bigrams, which matches
exactly the documents whose squeezed text contains the squeezed query: substring recall is
exact, for Chinese, Latin, digits and any mix of them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass, field

# Bump when segmentation changes: stored index sources are then rebuilt, not reused.
SEGMENTER_VERSION = 1

MAX_QUERY_CHARS = 200  # raw input beyond this is ignored (10,000-character pastes)
MAX_TERM_CHARS = 64  # a longer term is cut: a 63-bigram phrase is already unique
MAX_TERMS = 8

# \W in a str pattern is exactly "not str.isalnum() and not _": separators are everything
# that is not a letter or digit in any script.
_SEPARATORS = re.compile(r"[\W_]+")
_CODE = array("I")  # 4-byte items hold any code point (UTF-32)
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # the array's own order


def _ascii_forms() -> dict[int, str]:
    """Full-width forms, the ideographic space, … and the like, mapped to their ASCII
    decomposition. Replacing a character by its own NFKD form leaves NFKC's result unchanged,
    and without these (every Chinese text has ，) NFKC's quick check fails and the whole
    text is decomposed and recomposed: 2-3x slower."""
    table = {}
    for low, high in ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)):
        for code in range(low, high + 1):
            form = unicodedata.normalize("NFKD", chr(code))
            if form != chr(code) and form.isascii():
                table[code] = form
    return table


_ASCII_FORMS = _ascii_forms()


def normalize(text: str) -> str:
    """NFKC (full-width forms, compatibility digits) and case folding."""
    return unicodedata.normalize("NFKC", (text or "").translate(_ASCII_FORMS)).casefold()


def squeeze(text: str) -> str:
    """The letters and digits of a text, normalised: what the index sees."""
    return _SEPARATORS.sub("", normalize(text))


def bigrams(squeezed: str) -> list[str]:
    """Overlapping pairs; a lone character stands for itself (a one-letter title)."""
    if len(squeezed) < 2:
        return [squeezed] if squeezed else []
    return [squeezed[i : i + 2] for i in range(len(squeezed) - 1)]


def tokens(squeezed: str) -> str:
    """Space-separated bigrams: the value stored in an FTS column.

    Built as an array of code points [c0 c1 ␠ c1 c2 ␠ …] by two slice assignments rather
    than one Python string per bigram: 4x faster on a 300-page document's text.
    """
    if len(squeezed) < 3 or _CODE.itemsize != 4:
        return " ".join(bigrams(squeezed))
    codes = array(_CODE.typecode, squeezed.encode(_UTF32))
    out = array(_CODE.typecode, [ord(" ")]) * (3 * (len(codes) - 1))
    out[0::3] = codes[:-1]
    out[1::3] = codes[1:]
    return out[:-1].tobytes().decode(_UTF32)


@dataclass(frozen=True)
class Query:
    """A parsed user query.

    `terms` are squeezed strings of two or more characters that must all occur (AND);
    `exact` is the whole query squeezed, ranked first when it occurs as one phrase;
    `char` is set instead when the query has a single letter or digit (title-only match).
    """

    raw: str = ""
    terms: tuple[str, ...] = field(default_factory=tuple)
    exact: str = ""
    char: str = ""

    @property
    def is_blank(self) -> bool:
        return not self.raw.strip()

    @property
    def is_searchable(self) -> bool:
        return bool(self.terms or self.char)


def parse_query(raw: str) -> Query:
    """Split on whitespace into AND-ed terms; never raises, whatever the input."""
    raw = (raw or "")[:MAX_QUERY_CHARS]
    parts = [squeeze(p) for p in normalize(raw).split()]
    whole = "".join(parts)[:MAX_TERM_CHARS]
    terms: list[str] = []
    for part in parts:
        part = part[:MAX_TERM_CHARS]
        if len(part) >= 2 and part not in terms:
            terms.append(part)
    # A term inside another adds nothing to an AND.
    terms = [t for t in terms if not any(t != o and t in o for o in terms)][:MAX_TERMS]
    if not terms:
        # "中 国" or "a b": single characters typed apart still make a phrase.
        if len(whole) >= 2:
            return Query(raw=raw, terms=(whole,), exact=whole)
        return Query(raw=raw, char=whole)
    exact = whole if len(terms) > 1 else terms[0]
    return Query(raw=raw, terms=tuple(terms), exact=exact)


def fts5_phrase(term: str) -> str:
    """An FTS5 phrase of the term's bigrams. Tokens hold only letters and digits, so the
    user's text can never become FTS5 syntax (quotes, NEAR, OR, *, -, parentheses)."""
    return '"' + tokens(term).replace('"', '""') + '"'
