"""`wenku convert FILE [--out DIR] [--json]`: run the conversion pipeline on one file.

No database is used. With --out, the PDF (document.pdf), the preview images, the cover and
one text file per page (page-00001.txt …) are written to DIR, and nothing anywhere else
(LibreOffice keeps its profile under WENKU_DATA_DIR/office). With --json exactly one JSON
object is printed on stdout. Exit status: 0 ready, 1 the file was refused (a clean
failure with a reason), 2 usage error, 3 unexpected internal error.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _parser(settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wenku convert", description="Convert one document like the upload pipeline does."
    )
    parser.add_argument("file", type=Path, help="the document (pdf, doc(x), ppt(x), xls(x), …)")
    parser.add_argument("--out", type=Path, help="write the PDF, page images and texts here")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--name", default="", help="original file name (its extension breaks type ties)"
    )
    parser.add_argument("--preview-pages", type=int, default=settings.WENKU_PREVIEW_PAGES)
    parser.add_argument(
        "--widths",
        default=",".join(str(w) for w in settings.WENKU_PREVIEW_WIDTHS),
        help="preview widths in px, comma-separated",
    )
    parser.add_argument("--cover-width", type=int, default=settings.WENKU_COVER_WIDTH)
    parser.add_argument("--max-pages", type=int, default=settings.WENKU_MAX_PAGES)
    parser.add_argument("--timeout", type=float, default=settings.WENKU_CONVERT_TIMEOUT)
    parser.add_argument(
        "--no-ocr", action="store_true", help="do not recognise pages that have no text layer"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    return parser


# long: one argument-parse-convert-report sequence for the CLI, read top to bottom
def main(argv: list[str]) -> int:
    from django.conf import settings

    from wenku.library.failures import ConversionError  # after the CLI's django.setup()

    from .office import shutdown_office
    from .pipeline import convert_file
    from .sniff import detect_format

    parser = _parser(settings)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.getLogger("wenku.conversion").setLevel(level)
    try:
        widths = [int(w) for w in args.widths.split(",") if w.strip()]
    except ValueError:
        parser.print_usage(sys.stderr)
        print("wenku convert: --widths must be integers", file=sys.stderr)
        return 2

    report: dict = {
        "status": "failed",
        "file": str(args.file),
        "format": None,
        "pages": 0,
        "preview_pages": 0,
        "text_chars": 0,
        "seconds": 0.0,
        "ocr_pages": [],
        "ocr_seconds": 0.0,
    }
    if not args.file.is_file():
        return _finish(args, report, 2, "internal", f"no such file: {args.file}")

    started = time.monotonic()
    try:
        report["format"] = detect_format(args.file, args.name or args.file.name)
    except ConversionError:
        pass  # convert_file raises it again, with its reason
    out_dir = args.out
    work_dir = Path(tempfile.mkdtemp(prefix="wenku-convert-")) if out_dir is None else out_dir
    status = 0
    try:
        result = convert_file(
            args.file,
            work_dir,
            filename=args.name or args.file.name,
            preview_pages=args.preview_pages,
            widths=widths,
            cover_width=args.cover_width,
            max_pages=args.max_pages,
            timeout=args.timeout,
            on_progress=_progress_logger() if args.verbose else None,
        )
        if result.ocr_needed and not args.no_ocr:
            _recognise(result, work_dir, report)
        report.update(
            status="ready",
            format=result.format,
            pages=result.page_count,
            preview_pages=result.preview_pages,
            text_chars=sum(len(page.text) for page in result.pages),
            seconds=round(time.monotonic() - started, 3),
        )
        if out_dir is not None:
            for page in result.pages:
                (out_dir / f"page-{page.number:05d}.txt").write_text(page.text, encoding="utf-8")
            report["out"] = str(out_dir)
    except ConversionError as exc:
        report["seconds"] = round(time.monotonic() - started, 3)
        return _finish(args, report, 1, exc.code, exc.detail)
    except ValueError as exc:  # bad option values (widths out of range …)
        return _finish(args, report, 2, "internal", str(exc))
    except Exception as exc:  # noqa: BLE001 - reported as one JSON object
        report["seconds"] = round(time.monotonic() - started, 3)
        logging.getLogger(__name__).exception("conversion crashed")
        return _finish(args, report, 3, "internal", repr(exc))
    finally:
        if out_dir is None:
            shutil.rmtree(work_dir, ignore_errors=True)
        shutdown_office()
    _print(args, report)
    return status


def _recognise(result, work_dir: Path, report: dict) -> None:
    """OCR the pages without a text layer, like the worker does after publication; the
    report lists each one: {"page", "chars", "confidence" (Tesseract's mean word
    confidence, 0-100, an estimate of accuracy), "seconds"}."""
    from . import ocr

    started = time.monotonic()
    pages = ocr.recognise(result.pdf_path, result.ocr_needed, work_dir / "ocr")
    by_number = {page.number: page for page in result.pages}
    for item in pages:
        by_number[item["number"]].text = item["text"]
    (work_dir / "ocr").rmdir()
    report["ocr_pages"] = [
        {
            "page": item["number"],
            "chars": len(item["text"]),
            "confidence": item["confidence"],
            "seconds": item["seconds"],
        }
        for item in pages
    ]
    report["ocr_seconds"] = round(time.monotonic() - started, 3)


def _finish(args, report: dict, status: int, code: str, detail: str) -> int:
    from wenku.library.failures import reasons_en_zh  # after the CLI's django.setup()

    reason, reason_zh = reasons_en_zh(code)
    report.update(status="failed", code=code, reason=reason, reason_zh=reason_zh, detail=detail)
    _print(args, report)
    return status


def _print(args, report: dict) -> None:
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    if report["status"] == "ready":
        print(
            f"ready: {report['format']}, {report['pages']} pages "
            f"({report['preview_pages']} previewed), {report['text_chars']} characters of text, "
            f"{report['seconds']:.2f}s" + (f" → {report['out']}" if report.get("out") else "")
        )
        if report["ocr_pages"]:
            print(f"OCR: {len(report['ocr_pages'])} pages in {report['ocr_seconds']:.2f}s")
            for item in report["ocr_pages"]:
                chars, conf = item["chars"], item["confidence"]
                print(f"  page {item['page']}: {chars} chars, confidence {conf}")
    else:
        fmt = f" ({report['format']})" if report.get("format") else ""
        print(f"failed{fmt}: {report['reason']} [{report['code']}] {report.get('detail', '')}")


def _progress_logger():
    log = logging.getLogger("wenku.conversion.progress")

    def on_progress(stage: str, done: int, total: int) -> None:
        log.info("%s %s/%s", stage, done, total)

    return on_progress
