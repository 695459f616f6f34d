"""Text layers for documents converted before they existed (`wenku manage text_layers`)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings

from wenku.library import storage_layout, textlayers
from wenku.library.failures import ConversionError
from wenku.library.models import Document, Page

from . import textlayer
from .isolate import run_isolated
from .ocr_jobs import ocr_page_numbers
from .pipeline import preload_pdf_modules
from .services import _local_file, _work_root

log = logging.getLogger(__name__)


def backfill(doc: Document) -> bool:
    """Extract and store the text layer of every page from the converted PDF (isolated, like
    the conversion); pages read by OCR get none. False when the PDF is missing or broken."""
    work = Path(tempfile.mkdtemp(prefix=f"layer{doc.pk}-", dir=_work_root()))
    try:
        pdf = _local_file(storage_layout.pdf_name(doc.pk), work / "converted.pdf")
        preload_pdf_modules()
        pages = run_isolated(
            textlayer.document_lines,
            pdf,
            timeout=float(settings.WENKU_CONVERT_TIMEOUT),
            memory_mb=int(settings.WENKU_CONVERT_MEMORY_MB),
        )
    except (ConversionError, OSError) as exc:
        log.warning("text layer of document %s failed: %s", doc.pk, exc)
        return False
    finally:
        shutil.rmtree(work, ignore_errors=True)
    scanned = ocr_page_numbers(doc)
    numbers = set(Page.objects.filter(document=doc).values_list("number", flat=True))
    for number, lines in enumerate(pages if isinstance(pages, list) else [], start=1):
        if number in numbers:
            clean = [] if number in scanned else textlayer.clean_lines(lines)
            textlayers.save(doc.pk, number, clean)
    Document.objects.filter(pk=doc.pk).update(text_layer=textlayer.VERSION)
    return True
