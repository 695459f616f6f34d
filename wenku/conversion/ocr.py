"""OCR of pages without a usable text layer (scans), with Tesseract, in the isolated child.

    needed = page_needs_ocr(page, text)          # in the PDF child (pdf.process_pdf)
    pages = recognise(pdf_path, [3, 4], work)    # parent: isolated like the other PDF steps

A page needs OCR when its text layer is empty or is not language (a broken font encoding
extracts as private-use code points, control characters or U+FFFD), and the page draws at
least one image (a blank page has nothing to read). Each page is rendered by PDFium at
WENKU_OCR_DPI as an uncompressed grey image and read by the `tesseract` command line
(through tools.run, with a timeout per page) with OMP_THREAD_LIMIT=1: on a shared 2-core
machine Tesseract's OpenMP threads cost more in spinning than they gain (5 s against 23 s
wall time for one page measured here). The child lowers its CPU priority first
(WENKU_OCR_NICE, inherited by tesseract, whose own session's scheduling group tools.run
gives the same nice): OCR is background work, and a new upload's conversion (its
time-to-ready) must not queue behind a scan's pages for the CPU.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from wenku.library.failures import ConversionError

Emit = Callable[[str, int, int], None]
MAX_RENDER_DIM = 6000  # px: a huge page is read at a lower resolution, not refused
# Letters of any script, digits and CJK: what a real text is mostly made of.
_WORDISH = re.compile(r"[^\W_]", re.UNICODE)
_BAD = re.compile("[\ue000-\uf8ff\ufffd\x00-\x08\x0e-\x1f\U000f0000-\U0010ffff]")
MIN_CHARS = 8  # fewer characters than this on an image page: a caption, a page number


def text_is_usable(text: str) -> bool:
    """Whether an extracted text reads as language (not empty, not an encoding's garbage)."""
    stripped = "".join(text.split())
    if len(stripped) < MIN_CHARS:
        return False
    bad = len(_BAD.findall(stripped))
    if bad > len(stripped) * 0.1:
        return False
    wordish = len(_WORDISH.findall(stripped))
    if wordish < len(stripped) * 0.5:
        return False  # mostly symbols: a Symbol-font mapping or an unmapped Type 3 font
    # Unassigned code points (Cn) also betray unmapped glyphs.
    unassigned = sum(1 for ch in stripped if unicodedata.category(ch) == "Cn")
    return unassigned <= len(stripped) * 0.1


def page_has_image(page) -> bool:
    import pypdfium2.raw as raw

    for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        return True
    return False


def page_needs_ocr(page, text: str) -> bool:
    return not text_is_usable(text) and page_has_image(page)


# --- settings ----------------------------------------------------------------------------


def _setting(name: str, default):
    from django.conf import settings

    return getattr(settings, name, default)


def enabled() -> bool:
    return bool(_setting("WENKU_OCR", True))


def languages() -> str:
    return str(_setting("WENKU_OCR_LANGUAGES", "chi_sim+eng"))


def tesseract_argv(image: Path, out_base: Path, langs: str) -> list[str]:
    """The one Tesseract call per page (the benchmark runs the same command bare)."""
    return ["tesseract", str(image), str(out_base), "-l", langs, "--psm", "3", "txt", "tsv"]


def tesseract_env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


# --- the isolated child ------------------------------------------------------------------


_HALF_PUNCT = {":": "：", ";": "；", ",": "，", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCT_BY_CJK = re.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\s*([:;,?!()])"
    r"|([:;,?!()])\s*(?=[\u3400-\u9fff])"
)


def _full_width(match: re.Match) -> str:
    return _HALF_PUNCT[match.group(1) or match.group(2)]


def clean_ocr_text(raw: str) -> str:
    """Tesseract's lines → page text like a text layer's (see pdf.clean_text)."""
    from .pdf import clean_text

    lines = []
    for line in raw.replace("\x0c", "\n").split("\n"):
        core = "".join(line.split())
        # A lone speck read as a symbol ("°", "'", "|"): not text.
        if core and len(core) <= 2 and not _WORDISH.search(core):
            continue
        if len(core) == 1 and core.isascii():  # a speck read as "O" or "l"
            continue
        lines.append(line)
    # Tesseract reads Chinese full-width punctuation as ASCII: ：；，in Chinese text.
    return _PUNCT_BY_CJK.sub(_full_width, clean_text("\n".join(lines), flow=True))


def _confidence(tsv: str) -> float | None:
    """Mean word confidence (0–100) of Tesseract's TSV, weighted by word length."""
    total = weight = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            continue
        word = (row.get("text") or "").strip()
        if conf >= 0 and word:
            total += conf * len(word)
            weight += len(word)
    return round(total / weight, 1) if weight else None


def render_for_ocr(page, path: Path, dpi: int) -> None:
    width, height = page.get_size()
    scale = dpi / 72
    biggest = max(width, height) * scale
    if biggest > MAX_RENDER_DIM:
        scale *= MAX_RENDER_DIM / biggest
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        img = bitmap.to_pil()
        if img.mode != "L":
            img = img.convert("L")
        img.save(path, "PPM")  # uncompressed: writing costs ~10 ms, PNG ~300 ms
    finally:
        bitmap.close()


def recognise_in_child(
    pdf_path: Path,
    numbers: list[int],
    work_dir: Path,
    *,
    langs: str,
    dpi: int,
    page_timeout: float,
    emit: Emit,
    nice: int = 0,
) -> list[dict]:
    """Render and read each page of `numbers`; runs inside run_isolated."""
    from . import tools
    from .pdf import _load_page, open_pdf

    if nice > 0:
        os.nice(nice)  # this child only: the worker keeps its priority

    pdf = open_pdf(pdf_path)
    out: list[dict] = []
    try:
        emit("ocr", 0, len(numbers))
        for done, number in enumerate(numbers, start=1):
            if not 1 <= number <= len(pdf):
                raise ConversionError("no_pages", f"page {number} of {len(pdf)}")
            started = time.monotonic()
            image = work_dir / f"ocr-{number:05d}.pgm"
            base = work_dir / f"ocr-{number:05d}"
            page = _load_page(pdf, number - 1)
            try:
                render_for_ocr(page, image, dpi)
            finally:
                page.close()
            try:
                result = tools.run(
                    tesseract_argv(image, base, langs), timeout=page_timeout, env=tesseract_env()
                )
            except tools.ToolTimeout as exc:
                raise ConversionError("timeout", f"tesseract on page {number}: {exc}") from exc
            finally:
                image.unlink(missing_ok=True)
            txt, tsv = base.with_suffix(".txt"), base.with_suffix(".tsv")
            if result.returncode != 0 or not txt.exists():
                detail = result.stderr.decode("utf-8", "replace")[-300:]
                raise ConversionError("ocr_failed", f"tesseract page {number}: {detail}")
            text = clean_ocr_text(txt.read_text("utf-8", "replace"))
            conf = _confidence(tsv.read_text("utf-8", "replace")) if tsv.exists() else None
            txt.unlink(missing_ok=True)
            tsv.unlink(missing_ok=True)
            seconds = round(time.monotonic() - started, 3)
            out.append({"number": number, "text": text, "confidence": conf, "seconds": seconds})
            emit("ocr", done, len(numbers))
    finally:
        pdf.close()
    return out


# --- the parent --------------------------------------------------------------------------


def recognise(
    pdf_path: Path,
    numbers: list[int],
    work_dir: Path,
    *,
    on_progress: Emit | None = None,
) -> list[dict]:
    """OCR `numbers` of the PDF in one isolated child with the PDF steps' memory limit and a
    time limit of WENKU_OCR_PAGE_TIMEOUT per page. Returns [{"number", "text",
    "confidence", "seconds"}] in the order asked. Raises ConversionError."""
    from .isolate import run_isolated
    from .pipeline import preload_pdf_modules

    if not numbers:
        return []
    page_timeout = float(_setting("WENKU_OCR_PAGE_TIMEOUT", 120))
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    preload_pdf_modules()
    pages = run_isolated(
        recognise_in_child,
        Path(pdf_path),
        [int(n) for n in numbers],
        work_dir,
        langs=languages(),
        dpi=int(_setting("WENKU_OCR_DPI", 300)),
        page_timeout=page_timeout,
        nice=int(_setting("WENKU_OCR_NICE", 10)),
        timeout=page_timeout * len(numbers) + 10,
        memory_mb=int(_setting("WENKU_CONVERT_MEMORY_MB", 2048)),
        on_progress=on_progress,
    )
    return [
        {
            "number": int(p["number"]),
            "text": str(p["text"]),
            "confidence": p.get("confidence"),
            "seconds": float(p.get("seconds", 0)),
        }
        for p in pages
    ]
