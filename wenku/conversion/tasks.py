"""Queued work of the conversion pipeline, and the worker's start-up recovery."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown, worker_ready
from django.conf import settings

from . import services


@shared_task(name="wenku.convert_document", ignore_result=True)
def convert_document(doc_id: int) -> str | None:
    return services.convert(doc_id)


@shared_task(name="wenku.render_pages", ignore_result=True)
def render_pages(doc_id: int, numbers: list[int]) -> int:
    """Preview images of pages beyond the free preview, for a reader who may read them."""
    from . import pagerender

    return pagerender.render_pages(doc_id, numbers)


@shared_task(
    name="wenku.ocr_document",
    ignore_result=True,
    # A slice stops starting chunks after slice_seconds(); the chunk under way may run on.
    time_limit=settings.WENKU_CONVERT_TIMEOUT + 4 * settings.WENKU_OCR_PAGE_TIMEOUT + 60,
)
def ocr_document(doc_id: int) -> str | None:
    # OCR of a ready document's scanned pages, one slice per task (ocr_jobs.run).
    from . import ocr_jobs

    return ocr_jobs.run(doc_id)


@shared_task(name="wenku.recover_conversions", ignore_result=True)
def recover_conversions() -> int:
    from . import ocr_jobs

    _index_missing()
    ocr_jobs.recover_stuck()
    return services.recover_stuck()


@worker_ready.connect
def _recover_on_start(**_: object) -> None:
    # Messages of a worker that was killed may be gone: the database says what is unfinished.
    from . import ocr_jobs

    _index_missing()
    services.recover_stuck(at_startup=True)
    ocr_jobs.recover_stuck()


def _index_missing() -> None:
    # A worker that died between publishing a document and indexing it (publishing.after_ready).
    from wenku.search.indexing import index_missing

    index_missing()


@worker_process_init.connect
def _warm_office(**_: object) -> None:
    # Start LibreOffice in each pool process before the first document arrives.
    from .office import get_office
    from .pipeline import preload_pdf_modules

    preload_pdf_modules()
    try:
        get_office().ensure_started()
    except Exception:  # a failed warm-up is retried by the first conversion
        pass


@worker_process_shutdown.connect
def _stop_office(**_: object) -> None:
    from .office import shutdown_office

    shutdown_office()
