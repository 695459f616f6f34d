"""The text layer of a page: its text as lines with boxes, for the reader's selectable overlay.

    lines = page_lines(page, textpage)        # in the PDF child (pdf.process_pdf)
    lines = clean_lines(untrusted)            # in the parent, before it is stored

A line is [text, x, y, w, h]: its left/top edge and size in 1/10000 of the page's width
(x, w) and height (y, h), from PDFium's loose character boxes (the font's ascent to descent,
so a line's height is even). Characters are grouped in reading order; a new line starts at
PDFium's line break, where the next character is not on the same baseline band, runs
backwards, or after a wide gap (table cells, columns). Spaces PDFium inserts between Chinese
characters are dropped, as in the page text. Rotated pages get no layer (their boxes are in
unrotated space; rare in uploads).
"""

from __future__ import annotations

import ctypes

from .pdf import JUNK, SPACE_BETWEEN_CJK, SPACE_CJK_ALNUM

SCALE = 10000
VERSION = 1  # Document.text_layer: the format the stored layers have (0 = none)
MAX_LINES = 4000  # per page; more is a hostile or degenerate file
MAX_LINE_CHARS = 2000


def _finish(line: dict, out: list, left: float, top: float, pw: float, ph: float) -> None:
    text = SPACE_CJK_ALNUM.sub("", SPACE_BETWEEN_CJK.sub("", "".join(line["chars"]))).strip()
    if not text or len(out) >= MAX_LINES:
        return
    out.append(
        [
            text[:MAX_LINE_CHARS],
            round((line["x0"] - left) / pw * SCALE),
            round((top - line["y1"]) / ph * SCALE),
            round((line["x1"] - line["x0"]) / pw * SCALE),
            round((line["y1"] - line["y0"]) / ph * SCALE),
        ]
    )


def _char(raw, tp, index: int) -> str:
    code = raw.FPDFText_GetUnicode(tp, index)
    if 0xD800 <= code < 0xDC00:  # a surrogate pair comes as two characters
        low = raw.FPDFText_GetUnicode(tp, index + 1)
        return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) if low else ""
    if 0xDC00 <= code < 0xE000 or code == 0:
        return ""
    return chr(code)


# long: one pass over the page's characters, grouping them into lines
def page_lines(page, textpage) -> list[list]:
    """The page's lines (see the module docstring); [] for a rotated page or no text."""
    import pypdfium2.raw as raw

    if page.get_rotation() % 360:
        return []
    left, bottom, right, top = page.get_bbox()
    pw, ph = right - left, top - bottom
    if pw <= 0 or ph <= 0:
        return []
    tp = textpage.raw
    rect = raw.FS_RECTF()
    out: list[list] = []
    line: dict | None = None
    for index in range(textpage.count_chars()):
        ch = _char(raw, tp, index)
        if ch in ("\r", "\n") or not ch or JUNK.match(ch):
            if ch in ("\r", "\n") and line:
                _finish(line, out, left, top, pw, ph)
                line = None
            continue
        if ch.isspace():
            if line:
                line["chars"].append(" ")
            continue
        if not raw.FPDFText_GetLooseCharBox(tp, index, ctypes.byref(rect)):
            continue
        x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
        y0, y1 = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
        height = y1 - y0
        if height <= 0:
            continue
        if line is not None:
            middle = (y0 + y1) / 2
            same_band = line["y0"] <= middle <= line["y1"]
            size = line["y1"] - line["y0"]
            forward = x0 >= line["x1"] - size * 0.6 and x0 - line["x1"] < size * 3
            if not (same_band and forward):
                _finish(line, out, left, top, pw, ph)
                line = None
        if line is None:
            line = {"chars": [], "x0": x0, "x1": x1, "y0": y0, "y1": y1}
        line["chars"].append(ch)
        line["x1"] = max(line["x1"], x1)
        line["y0"], line["y1"] = min(line["y0"], y0), max(line["y1"], y1)
    if line:
        _finish(line, out, left, top, pw, ph)
    return out


def clean_lines(value: object) -> list[list]:
    """What the isolated child sent, checked: only well-formed lines, values within the page
    (a child whose PDFium was exploited may send anything; this is all that gets stored)."""
    if not isinstance(value, list):
        return []
    out: list[list] = []
    for item in value[:MAX_LINES]:
        if not (isinstance(item, list) and len(item) == 5 and isinstance(item[0], str)):
            continue
        numbers = item[1:]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            continue
        x, y, w, h = (max(0, min(SCALE, n)) for n in numbers)
        text = JUNK.sub("", item[0])[:MAX_LINE_CHARS]
        if text and h > 0:
            out.append([text, x, y, w, h])
    return out


def document_lines(pdf_path, emit) -> list[list[list]]:
    """Every page's lines (in the isolated child): the backfill of documents converted
    before text layers existed."""
    from .pdf import _load_page, open_pdf

    pdf = open_pdf(pdf_path)
    try:
        pages = []
        for index in range(len(pdf)):
            page = _load_page(pdf, index)
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(page_lines(page, textpage))
                finally:
                    textpage.close()
            finally:
                page.close()
            emit("text", index + 1, len(pdf))
        return pages
    finally:
        pdf.close()
