"""Library operations used by the web views, the API and the command line."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum
from django.urls import reverse

from . import signals, storage_layout
from .models import Category, Document, Tag

log = logging.getLogger(__name__)

MAX_TAGS = 10
MAX_TAG_LENGTH = 20


def listed_documents() -> QuerySet[Document]:
    return Document.objects.filter(
        status=Document.Status.READY, visibility=Document.Visibility.PUBLIC
    ).select_related("owner", "category")


def author_figures(owner: Any) -> dict:
    """An author's public figures (the same for every visitor: the author page is cached):
    listed documents, their downloads, and their ratings (count, and the average of all of
    them, each rating weighing the same)."""
    totals = listed_documents().filter(owner=owner).aggregate(
        documents=Count("pk"),
        downloads=Sum("downloads"),
        ratings=Sum("rating_count"),
        stars=Sum(F("rating_average") * F("rating_count")),
    )
    ratings = totals["ratings"] or 0
    return {
        "documents": totals["documents"],
        "downloads": totals["downloads"] or 0,
        "rating_count": ratings,
        "rating_average": round((totals["stars"] or 0) / ratings, 2) if ratings else None,
    }


def title_from_filename(name: str) -> str:
    """A readable title from an uploaded file name: no directories, extension or control chars."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[_\s]+", " ", stem).strip(" .-")
    return stem[:200] or "未命名文档"


TAG_SEPARATORS = re.compile(r"[,，、;；\n]")


def split_tags(raw: Iterable[str] | str) -> list[str]:
    """Tags from a list or from "a, b，c" (commas ASCII or Chinese, 、 or semicolons), each
    NFKC-normalised with its spacing collapsed, without repeats. The one tag parser: the forms
    validate its result (wenku.publishing.forms.parse_tags), clean_tags trims it."""
    if isinstance(raw, str):
        raw = TAG_SEPARATORS.split(raw)
    tags: list[str] = []
    for item in raw:
        tag = " ".join(unicodedata.normalize("NFKC", item).split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def clean_tags(raw: Iterable[str] | str) -> list[str]:
    """split_tags, cut to the limits (for callers without a form: import, API lists)."""
    tags: list[str] = []
    for tag in split_tags(raw):
        tag = tag[:MAX_TAG_LENGTH].strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def category_tree(max_depth: int = 8) -> list[tuple[Category, int]]:
    """Every category depth-first in the staff's order, with its depth (0 = top level): the
    one walk behind the upload form's and the search form's category choices."""
    by_parent: dict[int | None, list[Category]] = {}
    for cat in Category.objects.order_by("order", "id"):
        by_parent.setdefault(cat.parent_id, []).append(cat)
    out: list[tuple[Category, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for cat in by_parent.get(parent_id, []):
            out.append((cat, depth))
            if depth < max_depth:
                walk(cat.pk, depth + 1)

    walk(None, 0)
    return out


def set_tags(doc: Document, names: Iterable[str]) -> None:
    tags = [Tag.objects.get_or_create(name=name)[0] for name in clean_tags(list(names))]
    doc.tags.set(tags)


def document_status(doc: Document) -> dict:
    total = doc.progress_total
    if doc.status == Document.Status.READY:
        percent = 100
    elif total:
        percent = min(99, int(doc.pages_done * 100 / total))
    else:
        percent = 0
    return {
        "id": doc.pk,
        "status": doc.status,
        "status_label": str(doc.get_status_display()),
        "stage": doc.progress_stage,
        "pages_done": doc.pages_done,
        "progress_total": total,
        "page_count": doc.page_count,
        "percent": percent,
        "reason": doc.failure_reason,
        "url": reverse("web:document", args=[doc.pk]),
    }


def _sync_search(doc: Document) -> None:
    # The search entry and the wallet's upload reward follow (wenku.publishing.ready).
    signals.visibility_changed.send(sender=Document, document=doc)


def update_document(
    doc: Document,
    *,
    title: str,
    description: str,
    category: Category | None,
    tags: Iterable[str],
    preview_limit: int | None,
    price: int | None = None,
    allow_copy: bool | None = None,
) -> Document:
    doc.title = title.strip()[:200] or doc.title
    doc.description = description.strip()
    doc.category = category
    doc.preview_limit = preview_limit
    fields = ["title", "description", "category", "preview_limit", "updated_at"]
    if price is not None:  # None = unchanged; purchases keep the price they paid
        doc.price = price
        fields.append("price")
    if allow_copy is not None:  # None = unchanged (the upload form does not ask)
        doc.allow_copy = allow_copy
        fields.append("allow_copy")
    with transaction.atomic():
        doc.save(update_fields=fields)
        set_tags(doc, tags)
    _sync_search(doc)
    return doc


def set_visibility(doc: Document, visibility: str) -> Document:
    doc.visibility = visibility
    doc.save(update_fields=["visibility", "updated_at"])
    _sync_search(doc)
    return doc


def stored_names(doc: Document) -> list[str]:
    """Every storage name a document may have (works for local disk and object storage)."""
    names = [doc.original.name] if doc.original.name else []
    names += [storage_layout.cover_name(doc.pk), storage_layout.pdf_name(doc.pk)]
    for number in range(1, doc.page_count + 1):
        names.append(storage_layout.text_layer_name(doc.pk, number))
        for width in settings.WENKU_PREVIEW_WIDTHS:
            names.append(storage_layout.page_image_name(doc.pk, number, width))
    return names


def delete_document(doc: Document) -> None:
    """Delete the row, its search entry and every stored file of the document."""
    doc.refresh_from_db()  # the page count decides which preview names exist
    doc_id, names = doc.pk, stored_names(doc)
    doc.delete()
    signals.document_deleted.send(sender=Document, document_id=doc_id)  # the search entry
    for name in names:
        default_storage.delete(name)  # a missing name is not an error


def record_view(doc: Document) -> None:
    Document.objects.filter(pk=doc.pk).update(views=F("views") + 1)


def record_views(doc_id: int, count: int) -> None:
    """Views counted elsewhere (the page cache's hits), added to the row in one write."""
    Document.objects.filter(pk=doc_id).update(views=F("views") + count)
