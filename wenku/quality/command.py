"""`wenku quality FILE... [--json]`: check files for stuffing and duplicates before uploading.

Each file goes through the conversion pipeline (like an upload) for its text. Duplicates are
looked up in the library when one is configured (the database exists, is migrated and has
documents); otherwise the list is empty. With --json, one JSON object per file and line:

    {"file", "stuffed", "stuffing_score", "stuffed_spans": [{start, end, text, kind, page,
     occurrences, similarity}], "duplicates": [{id, kind, similarity, new_in_old,
     old_in_new, title}], "pages", "chars"}

Offsets are into the extracted text: the pages' texts joined by "\\n". A file that cannot be
converted gives {"file", "error", "reason"}. Exit status: 0 all clean, 1 something flagged,
2 usage error, 3 a file could not be checked.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wenku quality", description="Check documents for stuffing and duplicates."
    )
    parser.add_argument("files", nargs="+", type=Path, help="documents to check")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument(
        "--no-library", action="store_true", help="do not look for duplicates in the library"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log the conversion")
    return parser


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(path: Path, library) -> dict:
    """Convert one file and check its text; raises ConversionError when it cannot be read."""
    from django.conf import settings

    # Loaded after the CLI's django.setup() (models need the app registry).
    from wenku.conversion.pipeline import convert_file
    from wenku.library.models import Document  # after the CLI's django.setup()

    from .services import check_text, page_offsets

    work = Path(tempfile.mkdtemp(prefix="wenku-quality-"))
    try:
        result = convert_file(
            path,
            work,
            filename=path.name,
            preview_pages=0,
            widths=settings.WENKU_PREVIEW_WIDTHS,
            cover_width=settings.WENKU_COVER_WIDTH,
            max_pages=settings.WENKU_MAX_PAGES,
            timeout=settings.WENKU_CONVERT_TIMEOUT,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    texts = [page.text for page in result.pages]
    check = check_text(
        "\n".join(texts),
        library=library,
        file_sha=_sha256(path) if library is not None else "",
        page_starts=page_offsets(texts),
    )
    report = {"file": str(path), **check.as_dict(), "pages": result.page_count}
    report["chars"] = len(check.norm)
    titles = (
        dict(
            Document.objects.filter(pk__in=[d["id"] for d in report["duplicates"]]).values_list(
                "pk", "title"
            )
        )
        if report["duplicates"]
        else {}
    )
    for dup in report["duplicates"]:
        dup["title"] = titles.get(dup["id"], "")
    return report


def _print_human(report: dict) -> None:
    name = report["file"]
    if "error" in report:
        print(f"{name}: not checked: {report['reason']} [{report['error']}]")
        return
    verdict = "FLAGGED" if report["stuffed"] or report["duplicates"] else "clean"
    print(f"{name}: {verdict} (stuffing score {report['stuffing_score']})")
    for span in report["stuffed_spans"]:
        where = f"page {span['page']}, " if span.get("page") else ""
        text = span["text"].replace("\n", " ")
        text = text if len(text) <= 60 else text[:59] + "…"
        print(f"  {span['kind']} ({where}chars {span['start']}–{span['end']}): {text}")
    for dup in report["duplicates"]:
        print(f"  {dup['kind']} of document {dup['id']} “{dup['title']}” ({dup['similarity']})")


def main(argv: list[str]) -> int:
    # Loaded after the CLI's django.setup() (models need the app registry).
    from wenku.conversion.office import shutdown_office
    from wenku.library.failures import ConversionError, reason_text  # after django.setup()

    from .index import DbLibrary
    from .services import library_available

    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    # Like `wenku convert`: the conversion's progress is noise unless asked for.
    logging.getLogger("wenku.conversion").setLevel(
        logging.INFO if args.verbose else logging.WARNING
    )
    library = None if args.no_library or not library_available() else DbLibrary()
    status = 0
    try:
        for path in args.files:
            try:
                if not path.is_file():
                    raise ConversionError("internal", f"no such file: {path}")
                report = check_file(path, library)
                if report["stuffed"] or report["duplicates"]:
                    status = max(status, 1)
            except ConversionError as exc:
                report = {"file": str(path), "error": exc.code, "reason": reason_text(exc.code)}
                if not path.is_file():
                    report["reason"] = f"no such file: {path}"
                status = 3
            if args.json:
                print(json.dumps(report, ensure_ascii=False), flush=True)
            else:
                _print_human(report)
    finally:
        shutdown_office()
    return status


if __name__ == "__main__":  # pragma: no cover - `wenku quality` is the way in
    sys.exit(main(sys.argv[1:]))
