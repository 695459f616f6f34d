"""`wenku import PATH... [--owner USER] [--category SLUG] [--wait] [--json]`: bulk import."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.contrib.auth import get_user_model

from wenku.library.failures import ConversionError, reasons_en_zh
from wenku.library.models import Category, Document

from .tasks import convert
from .uploads import create_document

SYSTEM_USERNAME = "wenku"


def system_user():
    """The owner of imported and demo documents when no member is named."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"display_name": "文库"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def iter_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.parts):
                    yield child
        else:
            yield path


def _reasons(code: str) -> dict[str, str]:
    english, chinese = reasons_en_zh(code)
    return {"reason": english, "reason_zh": chinese}


def import_file(path: Path, owner, category: Category | None, wait: bool) -> dict:
    line: dict = {"file": str(path), "id": None, "status": "failed", "pages": 0, "reason": ""}
    try:
        if not path.is_file():
            raise ConversionError("unsupported", "not a file")
        doc = create_document(owner, path, filename=path.name, category=category, enqueue=not wait)
    except (ConversionError, OSError) as exc:
        code = exc.code if isinstance(exc, ConversionError) else "unsupported"
        return {**line, **_reasons(code)}
    if wait:
        convert(doc.pk)  # in this process: works with or without a running worker
        doc.refresh_from_db()
    line.update(id=doc.pk, status=doc.status, pages=doc.page_count)
    if doc.status == Document.Status.FAILED:
        line.update(_reasons(doc.failure_code))
    return line


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wenku import", description="bulk import documents")
    parser.add_argument("paths", nargs="+", help="files or folders (searched recursively)")
    parser.add_argument("--owner", help="username of the owner (default: the site account)")
    parser.add_argument("--category", help="category slug")
    parser.add_argument("--wait", action="store_true", help="convert now and report the result")
    parser.add_argument("--json", action="store_true", help="one JSON line per file")
    args = parser.parse_args(argv)

    if args.owner:
        owner = get_user_model().objects.filter(username=args.owner).first()
        if owner is None:
            print(f"wenku import: no member named {args.owner!r}", file=sys.stderr)
            return 2
    else:
        owner = system_user()
    category = None
    if args.category:
        category = Category.objects.filter(slug=args.category).first()
        if category is None:
            print(f"wenku import: no category with slug {args.category!r}", file=sys.stderr)
            return 2

    failed = 0
    for path in iter_files(args.paths):
        line = import_file(path, owner, category, args.wait)
        failed += line["status"] == "failed"
        if args.json:
            print(json.dumps(line, ensure_ascii=False), flush=True)
        else:
            extra = f" {line['pages']} pages" if line["pages"] else ""
            reason = f" — {line.get('reason_zh', '')}" if line["status"] == "failed" else ""
            print(f"{line['status']:>9} #{line['id'] or '-'} {path}{extra}{reason}", flush=True)
    return 1 if failed else 0
