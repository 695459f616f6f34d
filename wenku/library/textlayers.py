"""Stored text layers: per page, the lines with boxes that the reader lays over the page
image (made by wenku.conversion.textlayer). Callers check access before loading one."""

from __future__ import annotations

import json
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from . import storage_layout
from .access import readable_pages
from .models import Document, ReadingPosition

log = logging.getLogger(__name__)


def save(document_id: int, number: int, lines: list[list]) -> None:
    name = storage_layout.text_layer_name(document_id, number)
    data = json.dumps(lines, ensure_ascii=False, separators=(",", ":")).encode()
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def load(doc: Document, number: int) -> list[list]:
    """The page's lines; [] when it has none (no layer made yet, a scan, an empty page)."""
    if not doc.text_layer:
        return []
    try:
        with default_storage.open(storage_layout.text_layer_name(doc.pk, number), "rb") as fh:
            lines = json.loads(fh.read())
    except (OSError, ValueError):
        return []
    return lines if isinstance(lines, list) else []


def find(texts: list[tuple[int, str]], query: str) -> list[dict]:
    """Pages whose text holds `query` (whitespace ignored on both sides, case folded), with
    how often: [{"number", "count"}]."""
    needle = "".join(query.split()).casefold()
    if not needle:
        return []
    found = []
    for number, text in texts:
        count = "".join(text.split()).casefold().count(needle)
        if count:
            found.append({"number": number, "count": count})
    return found


def remember(user, doc: Document, page: int) -> int:
    """Store the member's page in the document (kept within the pages they may read)."""
    page = max(1, min(int(page), readable_pages(user, doc) or 1))
    ReadingPosition.objects.update_or_create(user=user, document=doc, defaults={"page": page})
    return page


def position(user, doc: Document) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    row = ReadingPosition.objects.filter(user=user, document=doc).first()
    return row.page if row else None
