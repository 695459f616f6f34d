"""Turning extracted page text into readable paragraphs, summaries and a language guess.

PDF text extraction breaks lines where the page wrapped them and, for Chinese, often puts
line breaks or stray spaces between characters. Readers and search engines want paragraphs.
"""

from __future__ import annotations

import re

# Ideographs, CJK punctuation and full-width forms: no space is needed between these.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}])[ \\t]+(?=[{_CJK}])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_INDENT = re.compile("^(\u3000|[ \t]{2,})")
_WS = re.compile(r"\s+")
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7af]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile("[A-Za-z]")
_ACCENTED = re.compile("[\u00c0-\u024f]")


def clean(text: str) -> str:
    """Normalise line ends and drop characters that are invalid in HTML and XML."""
    return _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if _CJK_CHAR.match(left[-1]) or _CJK_CHAR.match(right[0]):
        return left + right
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha():
        return left + right  # a word hyphenated across lines stays one word plus its hyphen
    return f"{left} {right}"


def paragraphs(text: str) -> list[str]:
    """Split a page's text into paragraphs.

    A blank line always ends a paragraph. Within a block, a line that is clearly shorter
    than the block's longest line ended a paragraph (or is a heading), and an indented line
    starts one; other line breaks are where the page wrapped, and are joined.
    """
    result: list[str] = []
    for block in re.split(r"\n[ \t\u3000]*\n", clean(text)):
        raw_lines = [line for line in block.split("\n") if line.strip()]
        if not raw_lines:
            continue
        lines = [_SPACE_BETWEEN_CJK.sub("", line.strip()) for line in raw_lines]
        longest = max(len(line) for line in lines)
        current = ""
        for raw, line in zip(raw_lines, lines, strict=True):
            if current and _INDENT.match(raw):
                result.append(current)
                current = ""
            current = _join(current, line)
            if len(line) < 0.8 * longest:
                result.append(current)
                current = ""
        if current:
            result.append(current)
    return [_WS.sub(" ", p).strip() for p in result if p.strip()]


def summary(texts: list[str], limit: int = 150) -> str:
    """The first `limit` characters of the texts as one line (meta description)."""
    joined = " ".join(" ".join(paragraphs(t)) for t in texts if t)
    joined = _WS.sub(" ", joined).strip()
    if len(joined) <= limit:
        return joined
    return joined[: limit - 1].rstrip() + "…"


def guess_language(text: str) -> str:
    """A BCP 47 tag for the sample, or "" when there is too little to tell."""
    sample = text[:5000]
    han, kana, hangul = (len(p.findall(sample)) for p in (_HAN, _KANA, _HANGUL))
    latin = len(_LATIN.findall(sample))
    if kana > 20 and kana * 5 > han:
        return "ja"
    if hangul > 20:
        return "ko"
    if han >= 20 and han * 2 >= latin:
        return "zh"
    if latin >= 100 and han + kana + hangul == 0 and not _ACCENTED.search(sample):
        return "en"
    return ""
