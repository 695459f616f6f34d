"""Database side of conversion: claim a document, run the pipeline, store the result.

The pipeline itself (wenku.conversion.pipeline) knows nothing of the database. A document is
claimed atomically, so a duplicate queue message or a recovery sweep never converts it twice
at once; a worker that dies leaves a stale heartbeat, and the sweep queues the document again.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from wenku.library import storage_layout, textlayers
from wenku.library.failures import ConversionError
from wenku.library.models import Document, Page

from . import ocr_jobs, textlayer

log = logging.getLogger(__name__)

# An uploaded document still waiting after this long may have lost its queue message.
LOST_AFTER = timedelta(minutes=5)
PROGRESS_WRITE_EVERY = 0.3  # seconds between progress writes (the browser polls each second)


class Publisher(Protocol):
    """What happens when a document is ready: wenku.publishing.ready, handed in from above
    (conversion sits below quality, moderation, search and wallet and may not call them)."""

    def prepare(self, text: str) -> None: ...

    def on_ready(self, doc: Document) -> None: ...

    def after_ready(self, doc: Document) -> None: ...


def _stale_after() -> timedelta:
    """A converting document whose heartbeat is older than this belongs to a dead worker."""
    return timedelta(seconds=settings.WENKU_CONVERSION_STALE_SECONDS)


def claim(doc_id: int) -> Document | None:
    """Mark the document converting if nobody else is; None when there is nothing to do."""
    now = timezone.now()
    waiting = Q(status=Document.Status.UPLOADED)
    orphaned = Q(status=Document.Status.CONVERTING, conversion_heartbeat__lt=now - _stale_after())
    claimed = (
        Document.objects.filter(pk=doc_id)
        .filter(waiting | orphaned)
        .update(
            status=Document.Status.CONVERTING,
            conversion_heartbeat=now,
            conversion_attempts=F("conversion_attempts") + 1,
            progress_stage="start",
            pages_done=0,
            progress_total=0,
        )
    )
    if not claimed:
        return None
    doc = Document.objects.get(pk=doc_id)
    if doc.conversion_attempts > settings.WENKU_CONVERT_MAX_ATTEMPTS:
        # Each earlier attempt died without recording a result: it crashes its worker.
        mark_failed(doc, ConversionError("crashed", f"{doc.conversion_attempts - 1} attempts died"))
        return None
    return doc


class _ProgressWriter:
    """Writes progress and the heartbeat, at most a few times a second."""

    def __init__(self, doc_id: int) -> None:
        self.doc_id = doc_id
        self.last_write = 0.0
        self.last_stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == self.last_stage and now - self.last_write < PROGRESS_WRITE_EVERY:
            return
        self.last_stage, self.last_write = stage, now
        Document.objects.filter(pk=self.doc_id, status=Document.Status.CONVERTING).update(
            progress_stage=stage,
            pages_done=done,
            progress_total=total,
            conversion_heartbeat=timezone.now(),
        )


def convert(doc_id: int, publisher: Publisher, queue_ocr: Callable[[int], object]) -> str | None:
    """Convert one document; returns its final status, or None if it was not ours to convert.

    `queue_ocr(doc_id)` queues the OCR of scanned pages (the task lives in wenku.publishing).
    """
    doc = claim(doc_id)
    if doc is None:
        return None
    work = Path(tempfile.mkdtemp(prefix=f"doc{doc_id}-", dir=_work_root()))
    try:
        from .pipeline import convert_file

        result = convert_file(
            _local_original(doc, work),
            work / "out",
            filename=doc.original_name,
            preview_pages=settings.WENKU_PREVIEW_PAGES,
            widths=settings.WENKU_PREVIEW_WIDTHS,
            cover_width=settings.WENKU_COVER_WIDTH,
            max_pages=settings.WENKU_MAX_PAGES,
            timeout=settings.WENKU_CONVERT_TIMEOUT,
            on_progress=_ProgressWriter(doc_id),
        )
        _store(doc, result, publisher, queue_ocr)
    except ConversionError as exc:
        mark_failed(doc, exc)
    except Exception as exc:  # never leave a document converting: the author gets a reason
        log.exception("conversion of document %s crashed", doc_id)
        mark_failed(doc, ConversionError("internal", repr(exc)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    doc.refresh_from_db(fields=["status"])
    return doc.status


def _work_root() -> Path:
    root = settings.DATA_DIR / "work"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _local_original(doc: Document, work: Path) -> Path:
    return _local_file(doc.original.name, work / "original")


def _local_file(name: str, download_to: Path) -> Path:
    """A stored file as a local path: its own on local storage, else a download."""
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        with default_storage.open(name, "rb") as src, download_to.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        return download_to


def _save(name: str, path: Path) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    with path.open("rb") as fh:
        default_storage.save(name, File(fh))


def _save_pdf(doc: Document, pdf_path: Path) -> None:
    """The converted PDF. A PDF upload's is its original (hard-linked by the pipeline): on
    local storage it is linked again, not copied (a scan's megabytes are not written twice
    before the document is ready). Stored files are never written in place (storage.save
    makes new files), so the two names sharing one inode never see each other's changes;
    deleting one leaves the other. A re-conversion swaps the link in atomically: the page
    renderer and OCR never find the name missing."""
    name = storage_layout.pdf_name(doc.pk)
    try:
        original = Path(default_storage.path(doc.original.name))
        target = Path(default_storage.path(name))
    except NotImplementedError:  # object storage: upload it
        _save(name, pdf_path)
        return
    if not _same_file(original, pdf_path):
        _save(name, pdf_path)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.{os.getpid()}.link")
    try:
        staged.unlink(missing_ok=True)
        os.link(original, staged)
        os.replace(staged, target)
        # rename(2) does nothing when both names already are links of one file (a second
        # conversion of the same upload): the staged name would stay behind.
        staged.unlink(missing_ok=True)
    except OSError:  # another file system, or links refused: copy
        staged.unlink(missing_ok=True)
        _save(name, pdf_path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _store(
    doc: Document, result, publisher: Publisher, queue_ocr: Callable[[int], object]
) -> None:
    """Files first, then rows and publication in one transaction: never half-stored 'ready'."""
    for page in result.pages:
        for width, path in page.images.items():
            _save(storage_layout.page_image_name(doc.pk, page.number, width), path)
    if result.cover:
        _save(storage_layout.cover_name(doc.pk), result.cover)
    _save_pdf(doc, result.pdf_path)
    for page in result.pages:
        textlayers.save(doc.pk, page.number, page.lines)
    publisher.prepare("\n".join(page.text for page in result.pages))
    with transaction.atomic():
        Page.objects.filter(document=doc).delete()
        Page.objects.bulk_create(
            [
                Page(
                    document=doc,
                    number=page.number,
                    text=page.text,
                    width_pt=page.width_pt,
                    height_pt=page.height_pt,
                    rendered=bool(page.images),
                )
                for page in result.pages
            ],
            batch_size=500,
        )
        Document.objects.filter(pk=doc.pk).update(
            status=Document.Status.READY,
            page_count=result.page_count,
            pages_done=result.page_count,
            progress_total=result.page_count,
            progress_stage="done",
            text_chars=result.text_chars,
            failure_code="",
            failure_detail="",
            converted_at=timezone.now(),
            text_layer=textlayer.VERSION,
        )
        # In the same transaction: readers see the document only with its quality verdict
        # (a held duplicate is never public, not even for a moment).
        doc.refresh_from_db()
        # Scanned pages are read in the background; the document is ready now.
        ocr_jobs.schedule(doc, result.ocr_needed, queue_ocr)
        publisher.on_ready(doc)
    publisher.after_ready(doc)  # the search entry, once the document is ready


def mark_failed(doc: Document, exc: ConversionError) -> None:
    """Fail the document with a readable reason (conversion, quality and moderation use it)."""
    log.info("document %s failed: %s", doc.pk, exc)
    Document.objects.filter(pk=doc.pk).update(
        status=Document.Status.FAILED,
        failure_code=exc.code,
        failure_detail=exc.detail,
        progress_stage="failed",
    )
    doc.status, doc.failure_code, doc.failure_detail = Document.Status.FAILED, exc.code, exc.detail


def recover_stuck(enqueue: Callable[[int], object], *, at_startup: bool = False) -> int:
    """Queue again documents whose conversion died or whose queue message was lost.

    Safe to run anywhere, any time: `claim` lets only one worker convert a document.
    """
    now = timezone.now()
    waiting = Q(status=Document.Status.UPLOADED)
    if not at_startup:
        waiting &= Q(updated_at__lt=now - LOST_AFTER)
    orphaned = Q(status=Document.Status.CONVERTING, conversion_heartbeat__lt=now - _stale_after())
    ids = list(Document.objects.filter(waiting | orphaned).values_list("pk", flat=True))
    for doc_id in ids:
        enqueue(doc_id)  # wenku.publishing.tasks.convert_document.delay
    if ids:
        log.info("queued %d document(s) again for conversion", len(ids))
    return len(ids)
