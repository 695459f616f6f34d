"""What the quality checks store: fingerprints and their LSH index, reports and matches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wenku.library.models import Document


class Fingerprint(models.Model):
    """A document's normalised-text hash and segment signatures (see fingerprint.py)."""

    document = models.OneToOneField(
        Document, primary_key=True, on_delete=models.CASCADE, related_name="quality_fingerprint"
    )
    version = models.PositiveSmallIntegerField(default=0)
    text_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    chars = models.PositiveIntegerField(default=0)  # normalised characters
    lengths = models.BinaryField(default=b"")  # uint32 per segment
    signatures = models.BinaryField(default=b"")  # uint32 × NUM_PERM per segment
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"fingerprint of #{self.document_id}"


class Band(models.Model):
    """One LSH key of one document. Looked up by key: the (key, document) index answers it
    without touching the table, so the cost grows with the index depth, not the library."""

    key = models.BigIntegerField()
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["key", "document"], name="quality_band_key")]

    def __str__(self) -> str:
        return f"{self.key} → #{self.document_id}"


class Report(models.Model):
    """The latest check of a document, and what staff decided about it."""

    class Action(models.TextChoices):
        NONE = "", _("None")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")
        FLAGGED = "flagged", _("Published, flagged for staff")

    class Decision(models.TextChoices):
        NONE = "", _("Not reviewed")
        APPROVED = "approved", _("Approved")
        REMOVED = "removed", _("Removed")

    document = models.OneToOneField(
        Document, primary_key=True, on_delete=models.CASCADE, related_name="quality_report"
    )
    checked_at = models.DateTimeField(auto_now=True)
    text_chars = models.PositiveIntegerField(default=0)
    stuffing_score = models.FloatField(default=0.0)
    stuffed = models.BooleanField(default=False)
    duplicate_fraction = models.FloatField(default=0.0)
    # [{start, end, kind, text, page, occurrences, similarity}], offsets into the text of the
    # document's pages joined by "\n".
    spans = models.JSONField(default=list, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, blank=True, default="")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True, default="")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("quality report")
        verbose_name_plural = _("quality reports")

    def __str__(self) -> str:
        return f"quality of #{self.document_id}"


class Match(models.Model):
    """`document` (the newer) duplicates `other` (uploaded earlier)."""

    class Kind(models.TextChoices):
        FILE = "file", _("Same file")
        TEXT = "text", _("Same text")
        NEAR = "near", _("Nearly the same text")
        PART_OF = "part_of", _("Part of the earlier document")
        CONTAINS = "contains", _("Contains the earlier document")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="quality_matches")
    other = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    similarity = models.FloatField()
    new_in_old = models.FloatField(default=1.0)
    old_in_new = models.FloatField(default=1.0)
    same_owner = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "same_owner", "-similarity"]
        constraints = [
            models.UniqueConstraint(fields=["document", "other"], name="quality_match_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.document_id} {self.kind} #{self.other_id}"
