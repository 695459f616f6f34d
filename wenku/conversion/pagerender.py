"""Preview images of pages beyond the free preview, rendered in the worker when a reader who
may read them (owner, staff, buyers) opens the document.

Only pages 1..N are rendered at upload. The web process never runs PDFium: it queues the
missing pages (a bounded batch near what the reader is looking at) and answers at once; the
document page shows a placeholder that fills in by itself (web/static/web/pages.js, or a
meta refresh without JavaScript). The caller checks access first.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from wenku.library import storage_layout
from wenku.library.failures import ConversionError
from wenku.library.models import Document, Page

log = logging.getLogger(__name__)

BATCH = 6  # pages queued per request: the reader's next screenful, never the whole book
QUEUED_FOR = 300  # s: a page queued (or failed) this long ago may be queued again


def _queued_key(doc: Document, number: int) -> str:
    # Per conversion: a document converted again (or a new one reusing the id) starts afresh.
    version = int(doc.converted_at.timestamp()) if doc.converted_at else 0
    return f"wenku:render-queued:{doc.pk}:{version}:{number}"


def missing_pages(doc: Document, upto: int) -> list[int]:
    """Pages 1..upto that have no preview images yet."""
    if doc.status != Document.Status.READY or upto < 1:
        return []
    pages = Page.objects.filter(document=doc, number__lte=upto, rendered=False)
    return list(pages.order_by("number").values_list("number", flat=True))


def _nearest(missing: list[int], near: int) -> list[int]:
    # The page the reader looks at and those after it first, then the ones above it.
    return sorted(missing, key=lambda n: (n < near, abs(n - near)))[:BATCH]


def request_pages(
    doc: Document, upto: int, near: int, enqueue: Callable[[int, list[int]], object]
) -> list[int]:
    """Queue up to BATCH of the missing pages 1..upto nearest `near` for the worker; returns
    every page 1..upto still missing (those queued included).

    `enqueue(doc_id, numbers)` queues the task (wenku.publishing.tasks.render_pages: the
    queued work lives above conversion)."""
    missing = missing_pages(doc, upto)
    batch = [n for n in _nearest(missing, near) if cache.add(_queued_key(doc, n), 1, QUEUED_FOR)]
    if batch:
        try:
            enqueue(doc.pk, batch)
        except Exception:  # broker down: the reader still gets the page, the next poll retries
            log.exception("could not queue the render of document %s pages %s", doc.pk, batch)
            cache.delete_many([_queued_key(doc, n) for n in batch])
            return missing
        if settings.CELERY_TASK_ALWAYS_EAGER:  # the task ran here: report what it did
            missing = missing_pages(doc, upto)
    return missing


def render_pages(doc_id: int, numbers: Iterable[int]) -> int:
    """The worker's side: render the pages that still need it; returns how many it rendered."""
    # Worker only: pipeline loads PDFium; services imports this module (a cycle at load).
    from .pipeline import render_page
    from .services import _local_file, _save, _work_root

    doc = Document.objects.filter(pk=doc_id, status=Document.Status.READY).first()
    wanted = sorted({int(n) for n in numbers})
    if doc is None or not wanted:
        return 0
    todo = list(
        Page.objects.filter(document=doc, number__in=wanted, rendered=False).values_list(
            "number", flat=True
        )
    )
    if not todo:
        return 0
    done = 0
    work = Path(tempfile.mkdtemp(prefix=f"pages{doc.pk}-", dir=_work_root()))
    try:
        pdf = _local_file(storage_layout.pdf_name(doc.pk), work / "converted.pdf")
        for number in sorted(todo):
            try:
                images = render_page(pdf, number, settings.WENKU_PREVIEW_WIDTHS, work / "out")
            except ConversionError as exc:  # stays missing; queued again after QUEUED_FOR
                log.warning("render of document %s page %s failed: %s", doc.pk, number, exc)
                continue
            for width, path in images.items():
                _save(storage_layout.page_image_name(doc.pk, number, width), path)
            Page.objects.filter(document=doc, number=number).update(rendered=True)
            cache.delete(_queued_key(doc, number))
            done += 1
    except (ConversionError, OSError) as exc:
        log.warning("render of document %s pages %s failed: %s", doc.pk, todo, exc)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return done
