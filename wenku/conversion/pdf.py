"""PDF steps with pypdfium2: page count, per-page text, preview images (WebP), cover.

These functions parse untrusted PDFs with PDFium and must run inside the isolated child
(isolate.py), never in a web or worker process directly. They stream page by page: one
page, text page and bitmap are open at a time, so memory stays flat in the page count.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from wenku.library.failures import ConversionError

from .ocr import page_needs_ocr

WEBP_QUALITY = 78
WEBP_METHOD = 0  # encoding dominates the cost; method 0 is ~3x faster than the default
WEBP_MAX_DIM = 16383  # WebP's limit; taller pages are cut at the bottom

Emit = Callable[[str, int, int], None]


def image_name(number: int, width: int) -> str:
    return f"page-{number:05d}-{width}.webp"


COVER_NAME = "cover.webp"


# --- opening -------------------------------------------------------------------------------


def open_pdf(path: Path):
    """A PdfDocument, or ConversionError("encrypted" / "corrupt")."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise ConversionError("encrypted", f"PDFium: {exc}") from exc
        if code == raw.FPDF_ERR_SUCCESS:
            # Parsed fine but refused: PDFium does this for a document with an empty page tree.
            raise ConversionError("no_pages", f"PDFium: {exc}") from exc
        raise ConversionError("corrupt", f"PDFium: {exc}") from exc


def _load_page(pdf, index: int):
    import pypdfium2 as pdfium

    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise ConversionError("corrupt", f"page {index + 1} cannot be loaded: {exc}") from exc


# --- text ----------------------------------------------------------------------------------

CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
CJK_PUNCT_LATIN = "\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"  # ‘’“”—…· sit between CJK
_WIDE = f"[{CJK}{CJK_PUNCT_LATIN}]"
SPACE_BETWEEN_CJK = re.compile(rf"(?<={_WIDE})[ \u00a0]+(?={_WIDE})")
# Gaps that PDFium reports around digits/Latin inside Chinese text (LibreOffice's
# Asian/Western autospacing): 第 1 章 → 第1章.
SPACE_CJK_ALNUM = re.compile(rf"(?<={_WIDE}) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?={_WIDE})")
WIDE_CHAR = re.compile(_WIDE)
NARROW_RUN = re.compile(f"[^{CJK}{CJK_PUNCT_LATIN}]+")
JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u00ad]")


def _width(line: str) -> int:
    """Display width: Chinese characters count twice (what is left once narrow runs go)."""
    return len(line) + len(NARROW_RUN.sub("", line))


def clean_text(raw: str, flow: bool = True) -> str:
    """PDFium page text → readable text.

    PDFium breaks every visual line and puts stray spaces between Chinese characters.
    With `flow` (running text: documents, PDFs, plain text) lines that run to (nearly)
    the full width of the page's text are joined to the next one (without a space between
    Chinese characters, with one between Latin words); short lines, lines ending a
    sentence before the margin and indented lines keep their break, which keeps real
    paragraphs apart; spaces between Chinese characters go. Without `flow` (spreadsheets,
    slides: cells and text boxes, where a space or a line break separates two items) only
    control characters and surrounding blanks are removed.
    """
    text = JUNK.sub("", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if not flow:
        lines = (line.strip(" \t\u00a0") for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    # Once over the page, not per line: neither pattern reaches across a line break, and
    # neither touches the blanks that strip() removes, so the order does not matter.
    text = SPACE_CJK_ALNUM.sub("", SPACE_BETWEEN_CJK.sub("", text))
    lines = [line.strip(" \t\u00a0") for line in text.split("\n")]
    line_widths = [_width(line) for line in lines]
    widths = sorted(w for w in line_widths if w)
    if not widths:
        return ""
    # The typical full line: a high percentile, not the max (a table row may be longer).
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    out: list[str] = []
    current = ""
    last_width = 0
    for line, width in zip(lines, line_widths, strict=True):
        if not line:
            if current:
                out.append(current)
                current, last_width = "", 0
            continue
        if not current:
            current, last_width = line, width
            continue
        # A full line ending in 。 usually continues too (the paragraph just filled it).
        prev_full = full >= 20 and last_width >= full * 0.85
        if prev_full and not line.startswith("\u3000"):
            if current.endswith("-") and line[:1].isalpha() and current[-2:-1].isalpha():
                current = current[:-1] + line  # hyphenated Latin word
            elif WIDE_CHAR.match(current[-1]) or WIDE_CHAR.match(line[0]):
                current += line
            else:
                current += " " + line
        else:
            out.append(current)
            current = line
        last_width = width
    if current:
        out.append(current)
    return "\n".join(out)


# --- images ----------------------------------------------------------------------------------


class ImageWriter:
    """Encodes WebP files on worker threads while PDFium renders the next page.

    PDFium stays on the calling thread (it is not thread-safe); Pillow releases the GIL
    while encoding, and encoding costs more than rendering. At most `max_pending` images
    wait in memory.
    """

    def __init__(self, threads: int = 2, max_pending: int = 6) -> None:
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="webp")
        self.pending: deque[Future] = deque()
        self.max_pending = max_pending

    def save(self, img, path: Path) -> None:
        self.pending.append(self.pool.submit(_encode, img, path))
        while len(self.pending) > self.max_pending:
            self.pending.popleft().result()

    def finish(self) -> None:
        while self.pending:
            self.pending.popleft().result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _encode(img, path: Path) -> None:
    try:
        img.save(path, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    finally:
        img.close()


class _SyncWriter:
    def save(self, img, path: Path) -> None:
        _encode(img, path)


def render_widths(
    page,
    widths: list[int],
    out_dir: Path,
    names: dict[int, str],
    writer=None,
    cover_width: int = 0,
    scan: bool = False,
) -> dict[int, str]:
    """Render `page` at each width as WebP (names[width] = file name); returns the names.

    Rendered once at the largest width; a smaller width that divides it is a box-filter
    reduction (~1 ms), any other is rendered again by PDFium (cheaper than a good resample).
    """
    if not widths:
        return {}
    writer = writer or _SyncWriter()
    page_w, page_h = page.get_size()
    if page_w <= 0 or page_h <= 0:
        raise ConversionError("corrupt", "page with no size")
    ordered = sorted(set(widths), reverse=True)
    largest = ordered[0]
    big = None
    if scan:  # a page without text: a full-page JPEG is decoded at a fraction of its size
        from .scanpage import render_scan

        big = render_scan(page, largest, WEBP_MAX_DIM)
    if big is None:
        big = _render(page, largest, page_w, page_h)
    images = {largest: big}
    for width in ordered[1:]:
        if largest % width == 0:
            images[width] = big.reduce(largest // width)
        else:
            images[width] = _render(page, width, page_w, page_h)
    if cover_width:  # the cover from this render (see process_pdf), cut like render_cover's
        height = max(1, round(big.height * cover_width / big.width))
        from PIL import Image

        thumb = big.resize((cover_width, height), Image.Resampling.LANCZOS, reducing_gap=2.0)
        if height > cover_width * 3 // 2:
            thumb = thumb.crop((0, 0, cover_width, cover_width * 3 // 2))
        writer.save(thumb, out_dir / COVER_NAME)
    for width, img in images.items():
        writer.save(img, out_dir / names[width])
    return {width: names[width] for width in ordered}


def render_cover(page, width: int, out_dir: Path, writer) -> str:
    """The cover thumbnail: page 1 at `width`, cut at 1.5 × width for very tall pages."""
    page_w, page_h = page.get_size()
    if page_w <= 0 or page_h <= 0:
        raise ConversionError("corrupt", "page with no size")
    writer.save(
        _render(page, width, page_w, page_h, max_height=width * 3 // 2), out_dir / COVER_NAME
    )
    return COVER_NAME


def _render(page, width: int, page_w: float, page_h: float, max_height: int = WEBP_MAX_DIM):
    scale = width / page_w
    height_px = page_h * scale
    crop = (0, 0, 0, 0)
    max_height = min(max_height, WEBP_MAX_DIM)
    if height_px > max_height:  # a very tall page: keep the top part
        crop = (0, page_h - max_height / scale, 0, 0)
    bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True)
    try:
        img = bitmap.to_pil()
        if img.mode != "RGB":
            img = img.convert("RGB")
        elif img.readonly:
            img = img.copy()  # a zero-copy view of the bitmap: detach before it is closed
    finally:
        bitmap.close()
    if img.width != width:  # rounding: make the requested width exact
        img = img.resize((width, max(1, round(img.height * width / img.width))))
    return img


# --- the whole document --------------------------------------------------------------------


# long: the per-page loop with its limits and progress, kept in one pass
def process_pdf(
    pdf_path: Path,
    out_dir: Path,
    *,
    preview_pages: int,
    widths: list[int],
    cover_width: int,
    max_pages: int,
    emit: Emit,
    flow: bool = True,
) -> dict:
    """Count, extract text of every page, render pages 1..preview_pages and the cover.

    `flow`: the pages hold running text (see clean_text); False for sheets and slides.

    Returns a JSON-able dict: {"page_count", "pages": [{"number", "text", "width_pt",
    "height_pt", "images": {width: name}, "ocr": needs OCR, "lines": text layer (textlayer.py)}],
    "cover": name or None}.
    """
    from .textlayer import page_lines  # textlayer imports this module's patterns

    pdf = open_pdf(pdf_path)
    writer = None
    try:
        count = len(pdf)
        if count == 0:
            raise ConversionError("no_pages", "the PDF has no pages")
        if count > max_pages:
            raise ConversionError("too_many_pages", f"{count} pages > {max_pages}")
        n_preview = min(preview_pages, count)
        pages: list[dict] = []
        cover = None
        writer = ImageWriter()
        emit("render", 0, n_preview)
        for index in range(count):
            number = index + 1
            page = _load_page(pdf, index)
            try:
                width_pt, height_pt = page.get_size()
                textpage = page.get_textpage()
                try:
                    text = clean_text(textpage.get_text_range(), flow)
                    lines = page_lines(page, textpage)
                finally:
                    textpage.close()
                needs_ocr = page_needs_ocr(page, text)  # a scan: read later (ocr.py)
                lines = [] if needs_ocr else lines  # a scan's text layer is not language
                images: dict[int, str] = {}
                # A scanned page 1: its cover comes from the preview render (decoding a
                # page-sized image costs more than resizing it).
                cover_from_preview = needs_ocr and number <= n_preview and bool(widths)
                if number == 1 and cover_width and not cover_from_preview:
                    cover = render_cover(page, cover_width, out_dir, writer)
                if number <= n_preview:
                    names = {w: image_name(number, w) for w in widths}
                    with_cover = cover_width if number == 1 and cover_from_preview else 0
                    images = render_widths(
                        page, widths, out_dir, names, writer, with_cover, scan=needs_ocr
                    )
                    cover = COVER_NAME if with_cover else cover
                    emit("render", number, n_preview)
                    if number == n_preview and n_preview < count:
                        emit("text", number, count)
                else:
                    emit("text", number, count)
            finally:
                page.close()
            pages.append(
                {
                    "number": number,
                    "text": text,
                    "width_pt": round(width_pt, 2),
                    "height_pt": round(height_pt, 2),
                    "images": images,
                    "ocr": needs_ocr,
                    "lines": lines,
                }
            )
        writer.finish()
        return {"page_count": count, "pages": pages, "cover": cover}
    finally:
        if writer is not None:
            writer.close()
        pdf.close()


def render_one(pdf_path: Path, number: int, widths: list[int], out_dir: Path) -> dict[int, str]:
    """Render page `number` (1-based) at `widths` into out_dir; returns {width: name}."""
    pdf = open_pdf(pdf_path)
    try:
        if not 1 <= number <= len(pdf):
            raise ConversionError("no_pages", f"page {number} of {len(pdf)}")
        page = _load_page(pdf, number - 1)
        try:
            return render_widths(page, widths, out_dir, {w: image_name(number, w) for w in widths})
        finally:
            page.close()
    finally:
        pdf.close()
