"""The conversion pipeline: sniff → PDF → (isolated) count, text, previews, cover.

    result = convert_file(src, work_dir, filename="报告.docx", on_progress=cb)

Every expected failure is a ConversionError whose `code` is in errors.REASONS. Nothing is
written outside `work_dir`; the uploaded file name is only used for its extension.
on_progress(stage, done, total) runs in the calling process and thread, with stage in
{"office", "ebook", "text", "render"}, and is repeated at least every ~1 s during long steps.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wenku.library.failures import ConversionError

from . import pdf as pdfsteps
from .isolate import run_isolated
from .sniff import EBOOK_FORMATS, OFFICE_FORMATS, detect_format
from .textlayer import clean_lines

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]

# What LibreOffice is told the file is (WPS compatibility files are Word/Excel/PowerPoint).
OFFICE_SUFFIX = {"wps": "doc", "et": "xls", "dps": "ppt"}
# Cells and text boxes: their text is not joined into paragraphs (see pdf.clean_text).
LAYOUT_FORMATS = {"xls", "xlsx", "ods", "et", "ppt", "pptx", "odp", "dps"}
MIN_WIDTH, MAX_WIDTH = 16, 4000
IMAGE_NAME = re.compile(r"^(page-\d{5}-\d+|cover)\.webp$")


@dataclass
class PageResult:
    number: int  # 1-based
    text: str
    width_pt: float
    height_pt: float
    images: dict[int, Path] = field(default_factory=dict)  # width_px -> WebP file
    needs_ocr: bool = False  # no usable text layer: a scan (see ocr.py)
    lines: list[list] = field(default_factory=list)  # the reader's text layer (textlayer.py)


@dataclass
class ConversionResult:
    format: str
    pdf_path: Path
    page_count: int
    pages: list[PageResult]
    cover: Path | None
    text_chars: int
    seconds: float

    @property
    def preview_pages(self) -> int:
        return sum(1 for page in self.pages if page.images)

    @property
    def ocr_needed(self) -> list[int]:
        return [page.number for page in self.pages if page.needs_ocr]


def _settings():
    from django.conf import settings

    return settings


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _clean_widths(widths: list[int]) -> list[int]:
    out = sorted({int(w) for w in widths})
    if any(w < MIN_WIDTH or w > MAX_WIDTH for w in out):
        raise ValueError(f"preview widths must be within {MIN_WIDTH}..{MAX_WIDTH} px: {out}")
    return out


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise ConversionError("timeout", "the conversion's overall time limit ran out")
    return left


def _place(src: Path, dst: Path) -> Path:
    """Make `src` available as `dst` without copying its bytes where possible."""
    if dst.exists() and dst.resolve() == src.resolve():
        return dst  # already there (a caller converting work_dir/document.pdf itself)
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        try:
            dst.symlink_to(src.resolve())
        except OSError:
            shutil.copyfile(src, dst)
    return dst


@functools.cache
def preload_pdf_modules() -> None:
    """Import PDFium and Pillow's WebP codec once in the long-lived process, so each forked
    child starts with them loaded (~35 ms a document). Importing parses no document: the
    untrusted PDF is still opened only in the child."""
    import pypdfium2  # noqa: F401
    import pypdfium2.raw  # noqa: F401
    from PIL import WebPImagePlugin  # noqa: F401


# long: the pipeline's stages in order, so the order can be read
def convert_file(
    src: Path,
    work_dir: Path,
    *,
    filename: str = "",
    preview_pages: int = 5,
    widths: list[int] = [500, 1000],  # noqa: B006 - never mutated
    cover_width: int = 240,
    max_pages: int = 5000,
    timeout: float = 180,
    on_progress: Progress | None = None,
) -> ConversionResult:
    """Convert one uploaded file; see the module docstring. Raises ConversionError."""
    started = time.monotonic()
    deadline = started + timeout
    progress = on_progress or _noop
    settings = _settings()
    src = Path(src)
    work_dir = Path(work_dir)
    widths = _clean_widths(widths)
    preview_pages = max(0, int(preview_pages))

    size = src.stat().st_size
    limit = int(settings.WENKU_MAX_UPLOAD_MB) * 1024 * 1024
    if size > limit:
        raise ConversionError("too_large", f"{size} bytes > {limit}")
    fmt = detect_format(src, filename)
    work_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = work_dir / "document.pdf"

    if fmt == "pdf":
        _place(src, pdf_path)
    elif fmt in EBOOK_FORMATS:
        from .ebook import ebook_to_pdf

        progress("ebook", 0, 1)
        call_timeout = min(float(settings.WENKU_EBOOK_TIMEOUT), _remaining(deadline))
        ebook_to_pdf(src, fmt, pdf_path, timeout=call_timeout)
        progress("ebook", 1, 1)
    else:
        from .office import get_office

        office = get_office()
        progress("office", 0, 1)
        heartbeat = lambda: progress("office", 0, 1)  # noqa: E731
        call_timeout = min(float(settings.WENKU_OFFICE_TIMEOUT), _remaining(deadline))
        if fmt == "txt":
            from .textfile import text_to_pdf

            text_to_pdf(
                src,
                work_dir,
                office=office,
                timeout=call_timeout,
                max_pages=max_pages,
                heartbeat=heartbeat,
            )
        else:
            assert fmt in OFFICE_FORMATS
            from .preflight import preflight

            preflight(src, fmt)
            source = _place(src, work_dir / f"source.{OFFICE_SUFFIX.get(fmt, fmt)}")
            try:
                office.convert(source, pdf_path, timeout=call_timeout, heartbeat=heartbeat)
            finally:
                if source.resolve() != src.resolve():
                    source.unlink(missing_ok=True)
        progress("office", 1, 1)

    preload_pdf_modules()
    data = run_isolated(
        pdfsteps.process_pdf,
        pdf_path,
        work_dir,
        preview_pages=preview_pages,
        widths=widths,
        cover_width=cover_width,
        max_pages=max_pages,
        flow=fmt not in LAYOUT_FORMATS,
        timeout=_remaining(deadline),
        memory_mb=int(settings.WENKU_CONVERT_MEMORY_MB),
        on_progress=progress,
    )
    pages = [
        PageResult(
            number=int(page["number"]),
            text=str(page["text"]),
            width_pt=float(page["width_pt"]),
            height_pt=float(page["height_pt"]),
            images={int(w): _output(work_dir, name) for w, name in page["images"].items()},
            needs_ocr=bool(page.get("ocr")),
            lines=clean_lines(page.get("lines")),
        )
        for page in data["pages"]
    ]
    if fmt in EBOOK_FORMATS and not any(page.text.strip() or page.needs_ocr for page in pages):
        # calibre "converts" a truncated or garbled FB2 (and others it half-reads) to one
        # blank page with exit 0: nothing to read is a broken book, not a ready document.
        raise ConversionError("ebook_failed", "calibre's PDF has no text and no images")
    cover = _output(work_dir, data["cover"]) if data.get("cover") else None
    result = ConversionResult(
        format=fmt,
        pdf_path=pdf_path,
        page_count=int(data["page_count"]),
        pages=pages,
        cover=cover,
        text_chars=sum(len(page.text) for page in pages),
        seconds=round(time.monotonic() - started, 3),
    )
    log.info(
        "converted %s: %s pages, %s preview, %.2fs",
        fmt,
        result.page_count,
        result.preview_pages,
        result.seconds,
    )
    return result


def _output(work_dir: Path, name: str) -> Path:
    """A file the isolated child says it wrote: only our own names, only in work_dir."""
    if not isinstance(name, str) or not IMAGE_NAME.match(name):
        raise ConversionError("internal", f"unexpected output name {name!r}")
    path = work_dir / name
    if not path.is_file():
        raise ConversionError("internal", f"missing output {name}")
    return path


def _render_one(pdf_path: Path, number: int, widths: list[int], out_dir: Path, emit) -> dict:
    return pdfsteps.render_one(pdf_path, number, widths, out_dir)


def render_page(
    pdf_path: Path, number: int, widths: list[int], out_dir: Path, *, timeout: float = 60
) -> dict[int, Path]:
    """Render one page on demand (isolated like the pipeline); returns {width: WebP file}."""
    settings = _settings()
    widths = _clean_widths(widths)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    preload_pdf_modules()
    names = run_isolated(
        _render_one,
        Path(pdf_path),
        int(number),
        widths,
        out_dir,
        timeout=timeout,
        memory_mb=int(settings.WENKU_CONVERT_MEMORY_MB),
    )
    return {int(w): _output(out_dir, name) for w, name in names.items()}
