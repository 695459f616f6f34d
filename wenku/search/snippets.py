"""Highlighted snippets, built in Python from text the reader may see.

FTS5's snippet() would show bigram tokens, and the index holds every page; so snippets are cut
from the texts the caller passes (free-preview pages, description, title) and never from the
index. Matching follows the index's rules: case and width folded, punctuation and spaces
between the characters of a term ignored.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import Query, normalize

SNIPPET_CHARS = 120
_SPACES = re.compile(r"\s+")
_GAP = r"[\W_]*"


def pattern(query: Query) -> re.Pattern[str] | None:
    """A regex over normalised text matching any query term (longest alternatives first)."""
    needles = set(query.terms) | ({query.exact} if query.exact else set())
    if query.char:
        needles.add(query.char)
    if not needles:
        return None
    alts = [_GAP.join(map(re.escape, n)) for n in sorted(needles, key=len, reverse=True)]
    return re.compile("|".join(alts))


def _folded(text: str) -> str:
    """The text normalised character by character, keeping offsets aligned with the
    original (characters whose normal form is longer, like "ß" or "㍿", stay as they are)."""
    folded = normalize(text)
    if len(folded) == len(text):
        return folded
    return "".join(n if len(n := normalize(c)) == 1 else c for c in text)


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    out, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def highlight(text: str, query: Query) -> SafeString:
    """The whole text, escaped, with every match marked (titles)."""
    regex = pattern(query)
    if regex is None:
        return escape(text)
    spans = [m.span() for m in regex.finditer(_folded(text)) if m.end() > m.start()]
    return _render(text, spans, 0, len(text))


def snippet(texts: list[str], query: Query, width: int = SNIPPET_CHARS) -> SafeString:
    """About `width` characters around the first match in the first text that has one;
    the start of the first non-empty text if none matches; "" if all are empty."""
    texts = [_SPACES.sub(" ", t).strip() for t in texts if t and t.strip()]
    if not texts:
        return mark_safe("")
    regex = pattern(query)
    exact = pattern(Query(terms=(query.exact,))) if query.exact else None
    for text in texts if regex else []:
        folded = _folded(text)
        first = (exact and exact.search(folded)) or regex.search(folded)
        if not first:
            continue
        start = max(0, first.start() - width // 3)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
        spans = [m.span() for m in regex.finditer(folded, start, end)]
        body = _render(text, spans, start, end)
        return mark_safe(("…" if start else "") + body + ("…" if end < len(text) else ""))
    text = texts[0]
    return mark_safe(escape(text[:width]) + ("…" if len(text) > width else ""))
