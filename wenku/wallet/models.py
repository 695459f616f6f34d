"""The points ledger (double entry), purchases, top-up orders and download records.

Every movement of points is one LedgerTransaction whose Entry rows sum to zero. A member's
balance is the sum of their account's entries; Account.balance caches it (checked by
`wenku manage wallet_check`). Platform accounts keep no cached balance on purpose: every
purchase would otherwise update the same commission row and serialise all sales.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Account(models.Model):
    """A member's points account (user set) or a platform account (code set)."""

    # Platform accounts: where minted points come from and where platform income goes.
    REWARDS = "rewards"  # sign-up bonus, daily sign-in, upload reward
    GRANTS = "grants"  # staff grants and corrections
    TOPUPS = "topups"  # points sold for money through a payment gateway
    COMMISSION = "commission"  # the platform's share of sales
    REFUNDS = "refunds"  # failed downloads refunded at the platform's cost
    PAYOUT_RESERVE = "payout_reserve"  # points of requested payouts, until staff decide
    PAYOUTS = "payouts"  # points paid out to authors in money (the operator pays them)
    PAYOUT_FEES = "payout_fees"  # the platform's fee on approved payouts
    PLATFORM_CODES = (
        REWARDS,
        GRANTS,
        TOPUPS,
        COMMISSION,
        REFUNDS,
        PAYOUT_RESERVE,
        PAYOUTS,
        PAYOUT_FEES,
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="points_account",
        # A member without ledger history may be deleted; entries (PROTECT) keep the rest.
        on_delete=models.CASCADE,
    )
    code = models.CharField(max_length=30, null=True, blank=True, unique=True)
    # Cached sum of the member's entries; NULL for platform accounts (derived on demand).
    balance = models.BigIntegerField(_("balance"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("points account")
        verbose_name_plural = _("points accounts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, code__isnull=True, balance__isnull=False)
                    & Q(balance__gte=0)
                    | Q(user__isnull=True, code__isnull=False, balance__isnull=True)
                ),
                name="wallet_account_member_or_platform",
            )
        ]

    def __str__(self) -> str:
        return f"platform:{self.code}" if self.code else f"member:{self.user_id}"

    @property
    def is_platform(self) -> bool:
        return self.user_id is None


class LedgerTransaction(models.Model):
    """One movement of points. (reason, reference) is unique: the same event never posts twice."""

    class Reason(models.TextChoices):
        SIGNUP_BONUS = "signup_bonus", _("Sign-up bonus")
        SIGNIN = "signin", _("Daily sign-in")
        UPLOAD_REWARD = "upload_reward", _("Upload reward")
        GRANT = "grant", _("Staff grant")
        TOPUP = "topup", _("Top-up")
        PURCHASE = "purchase", _("Purchase")
        REFUND = "refund", _("Refund")
        REWARD_REVERSAL = "reward_reversal", _("Upload reward taken back")
        PAYOUT_RESERVE = "payout_reserve", _("Payout requested")
        PAYOUT = "payout", _("Payout approved")
        PAYOUT_RELEASE = "payout_release", _("Payout rejected")

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, db_index=True)
    reference = models.CharField(_("reference"), max_length=100)
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("The staff member who made a grant."),
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("ledger transaction")
        verbose_name_plural = _("ledger transactions")
        constraints = [
            models.UniqueConstraint(fields=["reason", "reference"], name="wallet_txn_once")
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.reason} {self.reference}"


class Entry(models.Model):
    """One leg of a transaction: a signed amount on one account."""

    transaction = models.ForeignKey(
        LedgerTransaction, related_name="entries", on_delete=models.PROTECT
    )
    account = models.ForeignKey(Account, related_name="entries", on_delete=models.PROTECT)
    amount = models.BigIntegerField(_("amount"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["account", "-id"])]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="wallet_entry_nonzero")]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+d}"


class Purchase(models.Model):
    """A member owns a document: paid (with its ledger transaction) or free (price 0).

    A refund ends the purchase (refunded_at): the buyer loses access and may buy again, which
    makes a new row. So a (buyer, document) has at most one live purchase, and is charged at
    most once net.
    """

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="purchases", on_delete=models.PROTECT
    )
    # SET_NULL: an author may delete a sold document; the sale stays in the books.
    document = models.ForeignKey(
        "library.Document",
        null=True,
        blank=True,
        related_name="purchases",
        on_delete=models.SET_NULL,
    )
    document_title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="sales", on_delete=models.PROTECT
    )
    price = models.PositiveIntegerField(_("price"))
    commission = models.PositiveIntegerField(_("commission"), default=0)
    author_share = models.PositiveIntegerField(_("author's share"), default=0)
    idempotency_key = models.CharField(max_length=100, blank=True)
    transaction = models.OneToOneField(
        LedgerTransaction, null=True, blank=True, related_name="purchase", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("bought at"), auto_now_add=True, db_index=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("purchase")
        verbose_name_plural = _("purchases")
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "document"],
                condition=Q(refunded_at__isnull=True),
                name="wallet_purchase_live_once",
            ),
            models.UniqueConstraint(
                fields=["buyer", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="wallet_purchase_key_once",
            ),
        ]
        indexes = [models.Index(fields=["author", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.buyer_id} → {self.document_title}"


class TopUpOrder(models.Model):
    """Points bought for money through a payment gateway. Credited once, when paid."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="topups", on_delete=models.PROTECT
    )
    points = models.PositiveIntegerField(_("points"))
    amount_cents = models.PositiveIntegerField(_("amount (fen)"))
    gateway = models.CharField(_("gateway"), max_length=30)
    gateway_ref = models.CharField(_("gateway reference"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    transaction = models.OneToOneField(
        LedgerTransaction, null=True, blank=True, related_name="topup", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("top-up order")
        verbose_name_plural = _("top-up orders")

    def __str__(self) -> str:
        return f"{self.points} points for {self.user_id} ({self.status})"


class Download(models.Model):
    """One use of a signed download URL: its nonce makes the URL single-use; rows with ok=True
    count towards the daily limits."""

    nonce = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="downloads", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "library.Document", null=True, related_name="+", on_delete=models.SET_NULL
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["ip", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ← {self.document_id} ({'ok' if self.ok else 'not delivered'})"


class DownloadFailure(models.Model):
    """A download that could not be delivered (missing file, storage error), for staff."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "library.Document", null=True, related_name="+", on_delete=models.SET_NULL
    )
    purchase = models.ForeignKey(
        Purchase, null=True, blank=True, related_name="failures", on_delete=models.SET_NULL
    )
    stored_name = models.CharField(_("stored file"), max_length=255, blank=True)
    error = models.CharField(_("error"), max_length=500)
    refund = models.ForeignKey(
        LedgerTransaction, null=True, blank=True, related_name="+", on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("download failure")
        verbose_name_plural = _("download failures")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.error[:60]}"


class TextClaim(models.Model):
    """The first member who published a text (normalised-text hash, or the file hash for a
    document without text), kept for ever: deleting the document does not free the text.
    The upload reward is paid only with the claim, so once per text, never to a later
    uploader of the same text. A reward taken back (document removed for cause) keeps it."""

    text_sha256 = models.CharField(max_length=70, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE)
    document_pk = models.PositiveIntegerField()  # no FK: the document may be deleted
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("published text")
        verbose_name_plural = _("published texts")

    def __str__(self) -> str:
        return f"{self.text_sha256[:12]} by {self.user_id} (#{self.document_pk})"


from .payout_models import Payout, PayoutEvent  # noqa: E402,F401 (models of this app)
