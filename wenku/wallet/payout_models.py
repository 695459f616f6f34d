"""Payouts: an author turns earned points into money, paid by the operator.

A request reserves its points at once (a ledger transaction from the member to the platform's
payout reserve), so they can be neither spent nor requested again; staff approve (reserve →
payouts account, less the fee) or reject (reserve → back to the member). Every step is a
PayoutEvent row: who, when, what, why — the author sees them on "my payouts".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Payout(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="payouts", on_delete=models.PROTECT
    )
    points = models.PositiveIntegerField(_("points"))
    fee = models.PositiveIntegerField(_("fee"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    reserve = models.OneToOneField(
        "wallet.LedgerTransaction", related_name="payout", on_delete=models.PROTECT
    )
    settlement = models.OneToOneField(
        "wallet.LedgerTransaction",
        null=True,
        blank=True,
        related_name="payout_settled",
        on_delete=models.PROTECT,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [
            # One open request per author: a double click or a second tab is refused.
            models.UniqueConstraint(
                fields=["author"], condition=Q(status="pending"), name="wallet_payout_one_open"
            ),
            models.CheckConstraint(
                condition=Q(fee__lt=models.F("points")), name="wallet_payout_fee"
            ),
        ]

    def __str__(self) -> str:
        return f"payout #{self.pk}: {self.points} for {self.author_id} ({self.status})"

    @property
    def net(self) -> int:
        """What the operator pays the author (in points; the money rate is the operator's)."""
        return self.points - self.fee


class PayoutEvent(models.Model):
    """One step of a payout, for the author and for staff: never edited or deleted."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        EXPORTED = "exported", _("Exported for payment")

    payout = models.ForeignKey(Payout, related_name="events", on_delete=models.PROTECT)
    kind = models.CharField(_("step"), max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("payout step")
        verbose_name_plural = _("payout steps")

    def __str__(self) -> str:
        return f"{self.payout_id} {self.kind}"
