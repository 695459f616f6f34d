"""What happens when a document becomes ready, in order. One place, so the order is visible.

1. quality checks (duplicates, stuffing) may hold the document for review; moderation
   refuses a taken-down text and may hold it for pre-publication review;
2. the upload reward is paid only to a document that is published (not held);
3. right after that transaction commits, the search index follows what is now visible
   (its own short transaction: a worker that dies in between leaves a listed document without
   a search entry, and the recovery sweep's search.indexing.index_missing adds it).

Each step of 1–2 runs in its own savepoint: a step that fails (even with a database error,
which on PostgreSQL aborts the enclosing transaction) is rolled back alone, and the document
is held for staff with the reason "check_failed" instead of failing the whole conversion.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from wenku.library import signals
from wenku.library.models import Document
from wenku.moderation.services import on_ready as moderate
from wenku.quality.services import on_ready as check_quality
from wenku.quality.services import prepare as prepare_quality
from wenku.search.services import remove_document, sync_document

from .bridges import follow_visibility, reward_upload

log = logging.getLogger(__name__)

CHECK_FAILED = "check_failed"


def prepare(text: str) -> None:
    """Text-only work of on_ready, done before the publishing transaction (no locks held)."""
    prepare_quality(text)


def on_ready(doc: Document) -> None:
    # 1. Quality checks (duplicates, stuffing) may hold (or, by policy, reject) the document.
    _step("quality check", check_quality, doc)
    # 1b. Moderation: a text on the copyright block list fails the document; pre-publication
    # review (WENKU_PREPUBLICATION_REVIEW) may hold it for staff.
    _step("moderation check", moderate, doc)
    # 2. The upload reward re-reads the document and pays only a listed one, once per text.
    _step("upload reward", reward_upload, doc)


def _step(name: str, step: Callable[[Document], object], doc: Document) -> None:
    try:
        with transaction.atomic():  # a savepoint: a failure rolls back this step alone
            step(doc)
    except Exception as exc:  # any bug or database error: hold for staff, never "internal"
        log.exception("%s of document %s failed; holding it for review", name, doc.pk)
        hold_after_failed_step(doc, f"{name} failed: {exc!r}")


def hold_after_failed_step(doc: Document, detail: str) -> None:
    """A step could not finish: keep the document away from readers until staff look at it.
    It stays ready (its pages are fine); staff publish it from the review queue."""
    doc.refresh_from_db(fields=["status", "visibility"])
    if doc.status != Document.Status.READY:
        return  # an earlier step refused it already (duplicate, blocked text): that stands
    fields = {"failure_code": CHECK_FAILED, "failure_detail": detail[:500]}
    if doc.visibility == Document.Visibility.PUBLIC:
        fields["visibility"] = Document.Visibility.HELD
    Document.objects.filter(pk=doc.pk).update(**fields)
    for field, value in fields.items():
        setattr(doc, field, value)


def after_ready(doc: Document) -> None:
    """3. Called once on_ready's transaction has committed."""
    doc.refresh_from_db()
    sync_document(doc)
    announce(doc)


def announce(doc: Document) -> None:
    """A (re-)conversion or OCR pass changed what the document's page and the public lists
    show, through row updates no save signal sees: the page caches follow."""
    signals.document_page_changed.send(sender=Document, document_id=doc.pk)
    signals.listing_changed.send(sender=Document)


def on_visibility_changed(sender: object = None, *, document: Document, **_: object) -> None:
    """Receiver of wenku.library.signals.visibility_changed (staff, moderation, quality)."""
    # A held document that staff publish earns its reward then (still once per text); one
    # removed for cause gives it back (docs/decisions.md).
    follow_visibility(document)
    sync_document(document)


def on_document_deleted(sender: object = None, *, document_id: int, **_: object) -> None:
    """Receiver of wenku.library.signals.document_deleted: the search entry goes too."""
    remove_document(document_id)
