"""Queued work: converting a document and publishing it, rendering pages past the preview,
OCR of scanned pages, and the worker's start-up recovery.

The only module that defines queued work besides wenku.moderation.tasks (its periodic tick).
"""

from __future__ import annotations

import os

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown, worker_ready
from django.conf import settings

from wenku.conversion import ocr_jobs, pagerender, services
from wenku.search.indexing import index_missing

from . import ocr, ready


def convert(doc_id: int) -> str | None:
    """Convert and publish one document in this process (the worker, `wenku import --wait`)."""
    return services.convert(doc_id, ready, queue_ocr)


def queue_ocr(doc_id: int) -> None:
    ocr_document.delay(doc_id)


def read_scans(doc_id: int) -> str | None:
    """One slice of the OCR of a ready document's scanned pages, in this process."""
    return ocr_jobs.run(doc_id, ocr.publish, queue_ocr)


@shared_task(name="wenku.convert_document", ignore_result=True)
def convert_document(doc_id: int) -> str | None:
    return convert(doc_id)


@shared_task(name="wenku.render_pages", ignore_result=True)
def render_pages(doc_id: int, numbers: list[int]) -> int:
    """Preview images of pages beyond the free preview, for a reader who may read them."""
    return pagerender.render_pages(doc_id, numbers)


@shared_task(
    name="wenku.ocr_document",
    ignore_result=True,
    # A slice stops starting chunks after slice_seconds(); the chunk under way may run on.
    time_limit=settings.WENKU_CONVERT_TIMEOUT + 4 * settings.WENKU_OCR_PAGE_TIMEOUT + 60,
)
def ocr_document(doc_id: int) -> str | None:
    # OCR of a ready document's scanned pages, one slice per task (ocr_jobs.run).
    return read_scans(doc_id)


@shared_task(name="wenku.recover_conversions", ignore_result=True)
def recover_conversions() -> int:
    _index_missing()
    ocr_jobs.recover_stuck(queue_ocr)
    return services.recover_stuck(convert_document.delay)


@worker_ready.connect
def _recover_on_start(**_: object) -> None:
    # Messages of a worker that was killed may be gone: the database says what is unfinished.
    _index_missing()
    services.recover_stuck(convert_document.delay, at_startup=True)
    ocr_jobs.recover_stuck(queue_ocr)


def _index_missing() -> None:
    # A worker that died between publishing a document and indexing it (ready.after_ready).
    index_missing()


@worker_process_init.connect
def _lower_priority(**_: object) -> None:
    # Conversions, OCR and on-demand page renders yield the CPU to the web processes on a
    # shared machine (WENKU_WORKER_NICE): a buyer opening a 300-page document does not slow
    # other readers' pages. Their subprocesses (LibreOffice, PDFium, Tesseract) inherit it.
    if settings.WENKU_WORKER_NICE > 0:
        os.nice(settings.WENKU_WORKER_NICE)


@worker_process_init.connect
def _warm_office(**_: object) -> None:
    # Start LibreOffice in each pool process before the first document arrives.
    from wenku.conversion.office import get_office  # worker processes only: heavy modules
    from wenku.conversion.pipeline import preload_pdf_modules  # worker processes only

    preload_pdf_modules()
    try:
        get_office().ensure_started()
    except Exception:  # a failed warm-up is retried by the first conversion
        pass


@worker_process_shutdown.connect
def _stop_office(**_: object) -> None:
    from wenku.conversion.office import shutdown_office  # worker processes only

    shutdown_office()
