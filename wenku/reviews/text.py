"""Comment text as typed, minus control characters: HTML stays text (the templates escape it)."""

from __future__ import annotations

import unicodedata


def plain_text(value: str, *, keep_newlines: bool = False) -> str:
    allowed = {"\n"} if keep_newlines else set()
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(ch for ch in value if ch in allowed or unicodedata.category(ch)[0] != "C")
    return cleaned.strip()
