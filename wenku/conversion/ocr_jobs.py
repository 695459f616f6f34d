"""Database side of OCR: schedule a ready document's scanned pages, read them in slices.

    schedule(doc, [3, 4, 9], enqueue)   # in the publishing transaction (services._store)
    run(doc_id, publish, enqueue)       # the queued task (wenku.publishing.tasks.ocr_document)

The queued task and what "publish" means (search entry, quality re-check) belong to the
layers above: wenku.publishing hands them in (`enqueue(doc_id)` queues wenku.ocr_document,
`publish(doc)` is wenku.publishing.ocr.publish).

The document is ready (and public) as soon as its previews are; OCR follows in the
background, free preview pages first. Each recognised page's text is written to Page.text
(the same storage and access rules as a text layer: pages beyond the preview stay paid).
As text arrives — after the first slice, then at most every PUBLISH_EVERY seconds, and at
the end — the search entry is rebuilt and the quality checks run again (a scan of a
published document is then found as its duplicate). A task works for at most SLICE_SECONDS
and queues itself again, so a 500-page scan does not keep other uploads waiting.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from wenku.library import storage_layout
from wenku.library.failures import ConversionError
from wenku.library.models import Document, Page

from . import ocr
from .models import OcrJob

log = logging.getLogger(__name__)

Enqueue = Callable[[int], object]

CHUNK = 4  # pages per isolated child: text is stored after each
PUBLISH_EVERY = 20.0  # seconds between search/quality refreshes while OCR runs
PROGRESS_WRITE_EVERY = 0.5


def slice_seconds() -> float:
    return max(30.0, settings.WENKU_CONVERT_TIMEOUT / 2)


def schedule(doc: Document, numbers: list[int], enqueue: Enqueue) -> OcrJob | None:
    """Record the pages to recognise (preview pages first) and queue the work on commit."""
    OcrJob.objects.filter(document=doc).delete()  # a re-conversion starts afresh
    if not numbers or not ocr.enabled():
        return None
    free = doc.free_pages
    ordered = sorted(numbers, key=lambda n: (n > free, n))
    job = OcrJob.objects.create(document=doc, pages=ordered)
    _enqueue(doc.pk, enqueue)
    return job


def _enqueue(doc_id: int, enqueue: Enqueue) -> None:
    transaction.on_commit(lambda: enqueue(doc_id))


def _stale_after() -> timedelta:
    return timedelta(seconds=settings.WENKU_CONVERSION_STALE_SECONDS)


def claim(doc_id: int) -> OcrJob | None:
    now = timezone.now()
    stale = Q(status=OcrJob.Status.RUNNING, heartbeat__lt=now - _stale_after())
    claimed = (
        OcrJob.objects.filter(pk=doc_id)
        .filter(Q(status=OcrJob.Status.PENDING) | stale)
        .update(status=OcrJob.Status.RUNNING, heartbeat=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    job = OcrJob.objects.select_related("document").get(pk=doc_id)
    if job.attempts > settings.WENKU_CONVERT_MAX_ATTEMPTS:
        # Attempts that died without progress (a chunk read resets the count): this
        # document crashes its worker.
        _finish(job, OcrJob.Status.FAILED)
        return None
    return job


class _Progress:
    def __init__(self, job: OcrJob, base: int) -> None:
        self.job, self.base, self.last = job, base, 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_WRITE_EVERY:
            return
        self.last = now
        OcrJob.objects.filter(pk=self.job.pk).update(
            current=self.base + done, heartbeat=timezone.now()
        )


def run(doc_id: int, publish: Callable[[Document], None], enqueue: Enqueue) -> str | None:
    """Recognise the job's remaining pages for up to one slice; returns the job's status.

    `publish(doc)` brings the text read so far to readers; `enqueue(doc_id)` queues the rest."""
    job = claim(doc_id)
    if job is None:
        return None
    doc = job.document
    if doc.status != Document.Status.READY:
        _finish(job, OcrJob.Status.FAILED)
        return job.status
    started = time.monotonic()
    from .services import _local_file, _work_root  # services imports this module (a cycle)

    work = Path(tempfile.mkdtemp(prefix=f"ocr{doc_id}-", dir=_work_root()))
    last_publish = 0.0
    try:
        pdf = _local_file(storage_layout.pdf_name(doc.pk), work / "converted.pdf")
        todo = _remaining(job)
        while todo:
            chunk, todo = todo[:CHUNK], todo[CHUNK:]
            _read(job, pdf, chunk, work)
            if not OcrJob.objects.filter(pk=job.pk).exists():
                return None  # the document was deleted or converted again meanwhile
            now = time.monotonic()
            if todo and (last_publish == 0.0 or now - last_publish >= PUBLISH_EVERY):
                publish(doc)
                last_publish = now
            if todo and now - started >= slice_seconds():
                OcrJob.objects.filter(pk=job.pk).update(status=OcrJob.Status.PENDING)
                _enqueue(doc.pk, enqueue)  # the rest in a new task: other documents get their turn
                return OcrJob.Status.PENDING
        publish(doc)
        _finish(job, OcrJob.Status.DONE)
    except Exception:  # a failure leaves the job to the recovery sweep, never the document
        log.exception("OCR of document %s crashed", doc_id)
        OcrJob.objects.filter(pk=job.pk).update(status=OcrJob.Status.PENDING)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return job.status


def _remaining(job: OcrJob) -> list[int]:
    finished = set(job.done_pages) | set(job.failed_pages)
    return [n for n in job.pages if n not in finished]


def _read(job: OcrJob, pdf: Path, chunk: list[int], work: Path) -> None:
    """OCR one chunk; on a failure read its pages one by one, and skip a page that fails."""
    base = len(job.done_pages) + len(job.failed_pages)
    try:
        results = ocr.recognise(pdf, chunk, work / "ocr", on_progress=_Progress(job, base))
    except ConversionError as exc:
        if len(chunk) > 1:
            for number in chunk:
                _read(job, pdf, [number], work)
            return
        log.warning("OCR of document %s page %s failed: %s", job.pk, chunk[0], exc)
        job.failed_pages = [*job.failed_pages, chunk[0]]
        OcrJob.objects.filter(pk=job.pk).update(failed_pages=job.failed_pages)
        return
    with transaction.atomic():
        for page in results:
            Page.objects.filter(document_id=job.pk, number=page["number"]).update(text=page["text"])
        job.done_pages = [*job.done_pages, *(p["number"] for p in results)]
        job.seconds += sum(p["seconds"] for p in results)
        OcrJob.objects.filter(pk=job.pk).update(
            done_pages=job.done_pages,
            current=len(job.done_pages) + len(job.failed_pages),
            seconds=round(job.seconds, 3),
            heartbeat=timezone.now(),
            attempts=1,  # progress: only attempts that die without any count against it
        )


def _finish(job: OcrJob, status: str) -> None:
    job.status = status
    OcrJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now())


def recover_stuck(enqueue: Enqueue) -> int:
    """Queue again jobs whose worker died or whose message was lost."""
    now = timezone.now()
    lost = Q(status=OcrJob.Status.PENDING, heartbeat__lt=now - _stale_after())
    lost |= Q(status=OcrJob.Status.PENDING, heartbeat=None, created_at__lt=now - _stale_after())
    dead = Q(status=OcrJob.Status.RUNNING, heartbeat__lt=now - _stale_after())
    ids = list(OcrJob.objects.filter(lost | dead).values_list("pk", flat=True))
    for doc_id in ids:
        enqueue(doc_id)
    return len(ids)


def status(doc: Document) -> dict:
    """The OCR part of a document's status: {"ocr_active", "ocr_done", "ocr_total"}."""
    return _status_of(OcrJob.objects.filter(document_id=doc.pk).first())


def statuses(doc_ids: list[int]) -> dict[int, dict]:
    """status() of many documents in one query (a member's list of documents)."""
    jobs = {job.document_id: job for job in OcrJob.objects.filter(document_id__in=doc_ids)}
    return {pk: _status_of(jobs.get(pk)) for pk in doc_ids}


def _status_of(job: OcrJob | None) -> dict:
    if job is None:
        return {"ocr_active": False, "ocr_done": 0, "ocr_total": 0}
    return {
        "ocr_active": job.active,
        "ocr_done": min(job.current, job.total),
        "ocr_total": job.total,
    }


def ocr_page_numbers(doc: Document) -> set[int]:
    """Pages whose text was recognised by OCR (they carry a notice)."""
    job = OcrJob.objects.filter(document_id=doc.pk).only("done_pages").first()
    return set(job.done_pages) if job else set()
