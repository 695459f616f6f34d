"""Members' ratings (1–5 stars, one per member and document) and comments (one level of
replies, "helpful" votes). The document row keeps the rating count, average and sort score
(wenku.library.models.Document.rating_*), written by services.rate in the same transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wenku.library.models import Document


class Rating(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ratings"
    )
    stars = models.PositiveSmallIntegerField(_("stars"))
    # The member had bought (or taken the free copy of) the document when they last rated it.
    buyer = models.BooleanField(_("buyer"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            # Two racing requests of one member: the second is an update, never a second row.
            models.UniqueConstraint(fields=["document", "member"], name="reviews_one_rating"),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="reviews_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.document_id}: {self.stars}"


class Comment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    # A deleted account's comments stay, shown as "deleted account".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # A reply's top-level comment (replies to replies are refused: one level only).
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("comment"))
    helpful_count = models.PositiveIntegerField(_("helpful"), default=0)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["document", "parent", "-created_at"], name="reviews_doc_new"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} on {self.document_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class HelpfulVote(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "member"], name="reviews_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} → {self.comment_id}"
