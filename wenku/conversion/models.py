"""Background work that follows a conversion: OCR of scanned pages."""

from __future__ import annotations

from django.db import models

from wenku.library.models import Document


class OcrJob(models.Model):
    """The pages of a document that have no text layer, and how far their OCR has come.

    `pages` lists the page numbers to recognise in the order they are read (free preview
    pages first); `done_pages` those whose text now comes from OCR (the page shows the
    "recognised by OCR" notice). The text itself is stored in Page.text like any text.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    document = models.OneToOneField(
        Document, primary_key=True, related_name="ocr_job", on_delete=models.CASCADE
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    pages = models.JSONField(default=list)
    done_pages = models.JSONField(default=list)
    failed_pages = models.JSONField(default=list)
    current = models.PositiveIntegerField(default=0)  # pages read so far, for the progress line
    seconds = models.FloatField(default=0)  # time spent recognising
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"OCR {self.document_id}: {len(self.done_pages)}/{len(self.pages)}"

    @property
    def total(self) -> int:
        return len(self.pages)

    @property
    def active(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)
