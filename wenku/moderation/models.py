"""Complaints, the documents they name, evidence, the audit log, strikes, bans, the block list,
revenue holds, pre-publication holds and in-site messages.

Nothing here is ever deleted by the moderation code: complaints are PROTECTed by their audit
rows, and AuditEntry refuses updates and deletes outright (DESIGN §3: a complaint is never
lost; every action is recorded with who, when and why).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenku.library.models import Document


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COPYRIGHT = "copyright", _("Copyright notice")
        COUNTER = "counter", _("Counter-notice")
        MISMATCH = "mismatch", _("Content does not match the title")
        DOWNLOAD = "download", _("Paid download failed")
        ILLEGAL = "illegal", _("Illegal or harmful content")
        SPAM = "spam", _("Spam or stuffed content")
        COMMENT = "comment", _("Comment reported")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        TAKEN_DOWN = "taken_down", _("Taken down, pending review")
        COUNTERED = "countered", _("Counter-notice received")
        LEGAL_ACTION = "legal_action", _("Legal action recorded")
        FORWARDED = "forwarded", _("Forwarded to the claimant")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", _("Rejected")
        RESTORED = "restored", _("Restored")
        REFUNDED = "refunded", _("Refunded")

    CLOSED = (Status.UPHELD, Status.REJECTED, Status.RESTORED, Status.REFUNDED)

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    # PROTECT: a member who complained cannot be deleted out from under the record.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="complaints", on_delete=models.PROTECT
    )
    name = models.CharField(_("real name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    work = models.TextField(_("work claimed"), blank=True, max_length=2000)
    details = models.TextField(_("details"), blank=True, max_length=5000)
    statements = models.JSONField(default=list, blank=True)  # statement codes accepted
    notice = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="counter_notices",
        on_delete=models.PROTECT,
        help_text=_("The copyright notice a counter-notice answers."),
    )
    purchase = models.ForeignKey(
        "wallet.Purchase", null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    # A reported comment (wenku.reviews), by number like the audit log: moderation does not
    # know the reviews app; its ports show and hide the comment (publishing.bridges).
    comment_pk = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # Same reporter, type, documents (and work): the same complaint (idempotent submission).
    dedupe_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    legal_action_at = models.DateTimeField(_("legal action recorded"), null=True, blank=True)
    legal_action_note = models.TextField(blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class ComplaintItem(models.Model):
    """One document named by a complaint, and what happened to it because of the complaint."""

    class State(models.TextChoices):
        NAMED = "named", _("Named")
        TAKEN_DOWN = "taken_down", _("Taken down")
        COUNTERED = "countered", _("Restore scheduled")
        RESTORED = "restored", _("Restored")
        HIDDEN = "hidden", _("Hidden")
        REMOVED = "removed", _("Removed")

    complaint = models.ForeignKey(Complaint, related_name="items", on_delete=models.PROTECT)
    # SET_NULL: an author may delete a document; the complaint keeps its number and title.
    document = models.ForeignKey(
        Document, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    document_number = models.PositiveBigIntegerField(_("document ID"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.NAMED)
    previous_visibility = models.CharField(max_length=10, blank=True)
    restore_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    counter_notice = models.ForeignKey(
        Complaint, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["complaint", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "document_number"], name="moderation_item_once"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.complaint_id}: {self.document_number} ({self.state})"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    # Our own name: never the claimant's file name (paths, scripts, lookalike extensions).
    ext = instance.format if instance.format.isalnum() else "bin"
    return f"moderation/evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Evidence(models.Model):
    """An attachment of a notice. Stored under our name; served only to staff, as a download."""

    complaint = models.ForeignKey(Complaint, related_name="evidence", on_delete=models.PROTECT)
    file = models.FileField(upload_to=evidence_upload_to)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    format = models.CharField(max_length=10)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name or self.file.name


class AuditError(Exception):
    """The audit log is append-only."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: object) -> int:
        raise AuditError("audit entries are never edited")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditError("audit entries are never deleted")


class AuditEntry(models.Model):
    """Who did what, when and why. Members and documents are referenced by number (no foreign
    key), so deleting either never touches the log."""

    at = models.DateTimeField(_("time"), db_index=True)
    actor_pk = models.PositiveBigIntegerField(null=True, blank=True)  # None: the system
    actor_name = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("what"), max_length=40, db_index=True)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, related_name="audit", on_delete=models.PROTECT
    )
    document_pk = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    member_pk = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AuditError("audit entries are never edited")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AuditError("audit entries are never deleted")


class Strike(models.Model):
    """A recorded violation by an uploader; at WENKU_STRIKE_LIMIT their uploads are refused."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="strikes", on_delete=models.CASCADE
    )
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, related_name="strikes", on_delete=models.PROTECT
    )
    document_pk = models.PositiveBigIntegerField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A strike given in error is withdrawn, never deleted: it stops counting, the row stays.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    withdraw_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("strike")
        verbose_name_plural = _("strikes")

    def __str__(self) -> str:
        return f"strike on {self.member_id}"


class Ban(models.Model):
    """A member banned by staff: cannot sign in, upload or complain until lifted."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="bans", on_delete=models.CASCADE
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    lift_reason = models.CharField(_("reason for lifting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")

    def __str__(self) -> str:
        return f"ban of {self.member_id}"


class BlockedFingerprint(models.Model):
    """A file or normalised-text SHA-256 of a taken-down document: uploads matching it are
    refused until the takedown is lifted (restore or rejected notice)."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        TEXT = "text", _("Text")

    kind = models.CharField(max_length=4, choices=Kind.choices)
    sha256 = models.CharField(max_length=64)
    complaint = models.ForeignKey(Complaint, related_name="+", on_delete=models.PROTECT)
    document_pk = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "sha256"], name="moderation_block_sha")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.sha256[:12]}"


class RevenueHold(models.Model):
    """The author's earnings from a noticed document, held while the notice stands.

    The wallet credits authors at purchase time; this record is what is held. Spendable
    points = balance - held_points(member) (services.held_points), for the wallet to use."""

    class State(models.TextChoices):
        HELD = "held", _("Held")
        RELEASED = "released", _("Released")
        FORFEITED = "forfeited", _("Forfeited")

    complaint = models.ForeignKey(Complaint, related_name="holds", on_delete=models.PROTECT)
    document_pk = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="revenue_holds", on_delete=models.CASCADE
    )
    points = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.HELD)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "document_pk"], name="moderation_hold_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.points} held from {self.author_id}"


class ReviewHold(models.Model):
    """A new upload held for staff review before publication (WENKU_PREPUBLICATION_REVIEW)."""

    class Decision(models.TextChoices):
        NONE = "", _("Waiting")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    document = models.OneToOneField(Document, related_name="review_hold", on_delete=models.CASCADE)
    mode = models.CharField(max_length=10)  # the review setting that held it
    created_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"review of #{self.document_id}"


class Message(models.Model):
    """An in-site message to a member (uploader, claimant, buyer); also sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="moderation_messages", on_delete=models.CASCADE
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, related_name="messages", on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="moderation_msg_unread")]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return self.subject
