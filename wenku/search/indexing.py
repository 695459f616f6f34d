"""Keeping the index in step with the library: one document at a time, or all of them."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet

from wenku.library.models import Category, Document, Page

from .backends import Entry, get_backend
from .models import IndexedDocument
from .text import SEGMENTER_VERSION, squeeze

log = logging.getLogger(__name__)


def listed() -> QuerySet[Document]:
    return Document.objects.filter(
        status=Document.Status.READY, visibility=Document.Visibility.PUBLIC
    )


def _category_names(category_id: int | None, categories: dict[int, Category]) -> list[str]:
    names, seen = [], set()
    while category_id and category_id in categories and category_id not in seen:
        seen.add(category_id)
        names.append(categories[category_id].name)
        category_id = categories[category_id].parent_id
    return names


def make_entry(
    document: Document, tags: list[str], categories: list[str], pages: list[str]
) -> Entry:
    return Entry(
        document_id=document.pk,
        title=squeeze(document.title),
        meta=squeeze(" ".join([*tags, *categories])),
        description=squeeze(document.description),
        # Pages are joined: a phrase may run on from one page to the next.
        body=squeeze("\n".join(pages)),
    )


def entry_for(document: Document) -> Entry:
    categories = {c.pk: c for c in document.category.ancestors()} if document.category else {}
    pages = Page.objects.filter(document=document).order_by("number").values_list("text")
    return make_entry(
        document,
        tags=list(document.tags.values_list("name", flat=True)),
        categories=_category_names(document.category_id, categories),
        pages=[t for (t,) in pages],
    )


def _stored_entry(stored: IndexedDocument) -> Entry | None:
    if stored.version != SEGMENTER_VERSION:
        return None
    return Entry(stored.document_id, *stored.unpack())


def stored_entry(document_id: int) -> Entry | None:
    stored = IndexedDocument.objects.filter(pk=document_id).first()
    return _stored_entry(stored) if stored else None


def _remove(stored: IndexedDocument) -> None:
    entry = _stored_entry(stored)
    if entry is None:
        # Tokens of another segmenter version cannot be repeated exactly: leave them to
        # `search_reindex` (stale rows never show: queries join the live documents).
        log.warning("search entry %s is from an older segmenter", stored.document_id)
    else:
        get_backend().remove([entry])
    stored.delete()


def sync_document(document: Document) -> bool:
    """Index the document if it is listed (ready and public), else remove it.

    Call after any change to a document's text, title, tags, category, status or visibility,
    inside or outside a transaction. Returns whether the document is now indexed.
    """
    with transaction.atomic():
        stored = IndexedDocument.objects.filter(pk=document.pk).first()
        if not document.is_listed:
            if stored:
                _remove(stored)
            return False
        entry = entry_for(document)
        source = IndexedDocument.pack(entry.fields)
        if stored and stored.version == SEGMENTER_VERSION and bytes(stored.source) == source:
            return True  # nothing the index sees has changed
        if stored:
            _remove(stored)
        get_backend().add([entry])
        IndexedDocument.objects.create(document_id=document.pk, source=source)
    return True


def index_missing(limit: int = 500) -> int:
    """Index listed documents that have no index entry: those a worker published and died
    before indexing (publishing indexes right after its commit). Run by the recovery sweep;
    returns how many were indexed."""
    missing = listed().exclude(pk__in=IndexedDocument.objects.values("pk")).order_by("pk")
    count = 0
    for document in missing[:limit]:
        count += sync_document(document)
    if count:
        log.info("indexed %d listed document(s) that had no search entry", count)
    return count


def remove_document(document_id: int) -> None:
    """Forget a document (deleted, or no longer listed). Safe to call if it was never indexed."""
    with transaction.atomic():
        stored = IndexedDocument.objects.filter(pk=document_id).first()
        if stored:
            _remove(stored)


def reindex_all(batch_size: int = 500, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from the library; returns the number of documents indexed.

    Batches commit one by one, so the site keeps working (with partial results) meanwhile.
    """
    backend = get_backend()
    with transaction.atomic():
        backend.clear()
        IndexedDocument.objects.all().delete()
    categories = {c.pk: c for c in Category.objects.all()}
    ids = list(listed().order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        docs = listed().filter(id__in=batch).prefetch_related("tags").order_by("id")
        texts: dict[int, list[str]] = {}
        pages = Page.objects.filter(document_id__in=batch).order_by("document_id", "number")
        for doc_id, text in pages.values_list("document_id", "text"):
            texts.setdefault(doc_id, []).append(text)
        entries = [
            make_entry(
                d,
                tags=[t.name for t in d.tags.all()],
                categories=_category_names(d.category_id, categories),
                pages=texts.get(d.pk, []),
            )
            for d in docs
        ]
        with transaction.atomic():
            backend.add(entries)
            IndexedDocument.objects.bulk_create(
                [
                    IndexedDocument(
                        document_id=e.document_id, source=IndexedDocument.pack(e.fields)
                    )
                    for e in entries
                ]
            )
        if progress:
            progress(len(batch))
    backend.optimize()
    return len(ids)
