"""Queued work of the conversion pipeline, and the worker's start-up recovery."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown, worker_ready

from . import services


@shared_task(name="wenku.convert_document", ignore_result=True)
def convert_document(doc_id: int) -> str | None:
    return services.convert(doc_id)


@shared_task(name="wenku.render_pages", ignore_result=True)
def render_pages(doc_id: int, numbers: list[int]) -> int:
    """Preview images of pages beyond the free preview, for a reader who may read them."""
    from . import pagerender

    return pagerender.render_pages(doc_id, numbers)


@shared_task(name="wenku.recover_conversions", ignore_result=True)
def recover_conversions() -> int:
    _index_missing()
    return services.recover_stuck()


@worker_ready.connect
def _recover_on_start(**_: object) -> None:
    # Messages of a worker that was killed may be gone: the database says what is unfinished.
    _index_missing()
    services.recover_stuck(at_startup=True)


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
