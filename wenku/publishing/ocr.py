"""What OCR'd text does once it arrives: the document's character count, a quality re-check
(a scan of a published document is then found as its duplicate), the search entry.

The reading itself is wenku.conversion.ocr_jobs (below quality and search); the queued task
is wenku.publishing.tasks.ocr_document, which hands this `publish` in.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from wenku.library.models import Document, Page
from wenku.quality.services import checks_enabled, recheck

from . import ready

log = logging.getLogger(__name__)


def publish(doc: Document) -> None:
    """The recognised text reaches the document: its character count, the search entry
    (after a re-check that may hold a duplicate), related documents (their cache follows
    updated_at)."""
    texts = Page.objects.filter(document=doc).values_list("text", flat=True)
    Document.objects.filter(pk=doc.pk).update(
        text_chars=sum(len(t) for t in texts), updated_at=timezone.now()
    )
    doc.refresh_from_db()
    if checks_enabled():
        try:
            recheck(doc)
        except Exception:  # like the check at publication: never fails the document
            log.exception("quality re-check of document %s after OCR failed", doc.pk)
    ready.after_ready(doc)
