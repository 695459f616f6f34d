"""Payouts of earned points (models in payout_models.py; the rules in docs/decisions.md).

Withdrawable = the smaller of the spendable balance (balance less held revenue) and the
author's sale earnings not yet requested (less held revenue): sign-up bonuses, top-ups and
grants are spent on documents, never cashed out, and held revenue is never paid. A request
reserves its points in the ledger at once (member → payout reserve) under the member's account
lock, and at most one request per author is open, so a double click, a second tab or two
concurrent requests leave exactly one. Staff decide: approve (reserve → payouts, less the fee)
or reject with a reason (reserve → member). Each step is one transaction with its PayoutEvent.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf, ledger
from .errors import (
    InvalidRequest,
    LoginRequired,
    PayoutAboveWithdrawable,
    PayoutBelowMinimum,
    PayoutDecided,
    PayoutNotFound,
    PayoutPending,
    StaffOnly,
)
from .models import Account, LedgerTransaction, Payout, PayoutEvent, Purchase
from .services import _held_points

Reason = LedgerTransaction.Reason
OPEN_OR_PAID = (Payout.Status.PENDING, Payout.Status.APPROVED)
MAX_POINTS = 10**9


def minimum() -> int:
    return max(1, conf.int_setting("WENKU_PAYOUT_MIN"))


def fee() -> int:
    return conf.int_setting("WENKU_PAYOUT_FEE")


@dataclass
class Withdrawable:
    balance: int
    held: int
    earned: int
    requested: int  # pending and approved payouts
    amount: int  # what may be requested now


def _earned(user) -> int:
    sales = Purchase.objects.filter(author_id=user.pk, price__gt=0)
    return int(sales.aggregate(s=Sum("author_share"))["s"] or 0)


def _requested(user) -> int:
    rows = Payout.objects.filter(author_id=user.pk, status__in=OPEN_OR_PAID)
    return int(rows.aggregate(s=Sum("points"))["s"] or 0)


def withdrawable(user, balance: int | None = None) -> Withdrawable:
    """The figures of the author's payout page; `balance` is the locked row's when requesting."""
    if balance is None:
        balance = ledger.balance_of(user)
    held, earned, requested = _held_points(user), _earned(user), _requested(user)
    amount = max(0, min(balance - held, earned - held - requested))
    return Withdrawable(balance, held, earned, requested, amount)


def parse_points(raw: object) -> int:
    """Whole points from a form or JSON: "１２０" and " 120 " are fine; 1.5, -3, True, "1e3" and
    anything else are refused."""
    if isinstance(raw, bool) or raw is None:
        raise InvalidRequest(_("Enter the points as a whole number."), field="points")
    if isinstance(raw, int):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        if not text.isdigit() or len(text) > 10:
            raise InvalidRequest(_("Enter the points as a whole number."), field="points")
        value = int(text)
    if value <= 0 or value > MAX_POINTS:
        raise InvalidRequest(_("Enter a positive whole number of points."), field="points")
    return value


def request_payout(user, raw_points: object) -> Payout:
    """Reserve the points and open the request; a refusal (WalletError) moves nothing."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise LoginRequired()
    points = parse_points(raw_points)
    low = max(minimum(), fee() + 1)
    if points < low:
        raise PayoutBelowMinimum(
            _("A payout must be at least %(min)d points.") % {"min": low}, min=low
        )
    account = ledger.member_account(user)
    reserve = ledger.platform_account(Account.PAYOUT_RESERVE)
    try:
        with transaction.atomic():
            locked = ledger.lock_accounts([account])[account.pk]
            if Payout.objects.filter(author_id=user.pk, status=Payout.Status.PENDING).exists():
                raise PayoutPending()
            figures = withdrawable(user, balance=int(locked.balance or 0))
            if points > figures.amount:
                raise PayoutAboveWithdrawable(
                    _("You can withdraw at most %(amount)d points now.")
                    % {"amount": figures.amount},
                    withdrawable=figures.amount,
                )
            legs = [(locked, -points), (reserve, points)]
            txn = ledger.post(Reason.PAYOUT_RESERVE, f"payout:{uuid.uuid4().hex}", legs)
            payout = Payout.objects.create(author=user, points=points, fee=fee(), reserve=txn)
            PayoutEvent.objects.create(payout=payout, kind=PayoutEvent.Kind.REQUESTED, actor=user)
    except IntegrityError as exc:  # the one-open-request constraint, without row locks
        raise PayoutPending() from exc
    return payout


def _require_staff(staff) -> None:
    if staff is None or not getattr(staff, "is_authenticated", False):
        raise LoginRequired()
    if not staff.is_staff:
        raise StaffOnly()


def _lock_pending(staff, payout_id: int) -> Payout:
    payout = Payout.objects.select_for_update().filter(pk=payout_id).first()
    if payout is None:
        raise PayoutNotFound()
    if payout.author_id == staff.pk:
        raise StaffOnly(_("Another staff member must decide your own payout."))
    if payout.status != Payout.Status.PENDING:
        raise PayoutDecided()
    return payout


def _decide(payout: Payout, staff, status: str, txn: LedgerTransaction, note: str) -> Payout:
    payout.status, payout.settlement, payout.reason = status, txn, note
    payout.decided_by, payout.decided_at = staff, timezone.now()
    payout.save(update_fields=["status", "settlement", "reason", "decided_by", "decided_at"])
    PayoutEvent.objects.create(payout=payout, kind=status, actor=staff, note=note)
    return payout


def approve(staff, payout_id: int, note: str = "") -> Payout:
    """Move the reserved points to the payouts account (the fee to the platform)."""
    _require_staff(staff)
    with transaction.atomic():
        payout = _lock_pending(staff, payout_id)
        legs = [
            (ledger.platform_account(Account.PAYOUT_RESERVE), -payout.points),
            (ledger.platform_account(Account.PAYOUTS), payout.net),
            (ledger.platform_account(Account.PAYOUT_FEES), payout.fee),
        ]
        txn = ledger.post(Reason.PAYOUT, f"payout{payout.pk}", legs, actor=staff)
        return _decide(payout, staff, Payout.Status.APPROVED, txn, (note or "").strip()[:500])


def reject(staff, payout_id: int, reason: str) -> Payout:
    """Give the reserved points back to the author; the reason is shown to them."""
    _require_staff(staff)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRequest(_("Say why the payout is rejected."), field="reason")
    if len(reason) > 500:
        raise InvalidRequest(_("The reason can have at most 500 characters."), field="reason")
    with transaction.atomic():
        payout = _lock_pending(staff, payout_id)
        account = ledger.member_account(payout.author)
        locked = ledger.lock_accounts([account])[account.pk]
        reserve = ledger.platform_account(Account.PAYOUT_RESERVE)
        legs = [(reserve, -payout.points), (locked, payout.points)]
        txn = ledger.post(Reason.PAYOUT_RELEASE, f"payout{payout.pk}", legs, actor=staff)
        return _decide(payout, staff, Payout.Status.REJECTED, txn, reason)


def payouts_of(user) -> QuerySet[Payout]:
    return Payout.objects.filter(author_id=user.pk).prefetch_related("events")


def staff_queue(status: str = "") -> QuerySet[Payout]:
    rows = Payout.objects.select_related("author", "decided_by")
    if status in Payout.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("created_at", "id") if status == "pending" else rows


CSV_HEADER = ["payout", "author", "email", "points", "fee", "net", "approved_at", "approved_by"]


def export_rows(staff, payouts: Iterable[Payout] | None = None) -> list[list[str]]:
    """Approved payouts, oldest first, for the operator to pay; each export is audited."""
    _require_staff(staff)
    rows = list(
        payouts
        if payouts is not None
        else staff_queue(Payout.Status.APPROVED).order_by("decided_at", "id")
    )
    PayoutEvent.objects.bulk_create(
        [PayoutEvent(payout=p, kind=PayoutEvent.Kind.EXPORTED, actor=staff) for p in rows]
    )
    return [
        [
            str(p.pk),
            p.author.username,
            p.author.email,
            str(p.points),
            str(p.fee),
            str(p.net),
            p.decided_at.isoformat() if p.decided_at else "",
            p.decided_by.username if p.decided_by else "",
        ]
        for p in rows
    ]
