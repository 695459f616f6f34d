"""Wallet operations: earning points, buying documents, refunds, staff grants.

Views, the API, signals and the publishing hook call only these functions. Each one is a
single database transaction posted through ledger.post, so points are never created or lost
halfway. "Once" events (bonus, sign-in, upload reward, purchase, refund, top-up) carry a
reference that the ledger keeps unique, so a retry or a race cannot pay twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wenku.library.models import Document

from . import conf, ledger, owned
from .errors import (
    IdempotencyKeyReused,
    InsufficientBalance,
    InvalidRequest,
    LoginRequired,
    NoPurchaseNeeded,
    NotAvailable,
    OwnDocument,
    PriceChanged,
)
from .ledger import balance_of, member_account, platform_account  # noqa: F401 (public API)
from .models import Account, LedgerTransaction, Purchase
from .rewards import reverse_upload_reward, reward_upload  # noqa: F401 (public API)

log = logging.getLogger(__name__)
Reason = LedgerTransaction.Reason
MAX_KEY_LENGTH = 100


def _authenticated(user) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


# --- Earning -----------------------------------------------------------------------------


def _credit_once(
    user, amount: int, reason: str, reference: str, source: str, *, memo: str = "", actor=None
) -> LedgerTransaction | None:
    """Credit `amount` from a platform account unless (reason, reference) was posted before."""
    if amount <= 0:
        return None
    account = member_account(user)
    source_account = platform_account(source)
    try:
        with transaction.atomic():
            ledger.lock_accounts([account])  # serialises two calls for the same member
            if ledger.already_posted(reason, reference):
                return None
            legs = [(source_account, -amount), (account, amount)]
            return ledger.post(reason, reference, legs, memo=memo, actor=actor)
    except IntegrityError:  # a concurrent call posted it first: still paid exactly once
        return None


def signup_bonus(user) -> LedgerTransaction | None:
    """The welcome bonus, once per member (WENKU_SIGNUP_BONUS)."""
    amount = conf.int_setting("WENKU_SIGNUP_BONUS")
    return _credit_once(user, amount, Reason.SIGNUP_BONUS, f"user{user.pk}", Account.REWARDS)


def _signin_reference(user) -> str:
    # The site's local date: "once per day" means the day the member sees on the clock.
    return f"user{user.pk}:{timezone.localdate().isoformat()}"


def signed_in_today(user) -> bool:
    return ledger.already_posted(Reason.SIGNIN, _signin_reference(user))


def daily_signin(user) -> LedgerTransaction | None:
    """WENKU_SIGNIN_POINTS once per member per local day; None if already signed in."""
    if not _authenticated(user):
        raise LoginRequired()
    amount = conf.int_setting("WENKU_SIGNIN_POINTS")
    return _credit_once(user, amount, Reason.SIGNIN, _signin_reference(user), Account.REWARDS)


def grant(staff, user, amount: int, memo: str) -> LedgerTransaction:
    """A staff grant (positive) or correction (negative; never below a zero balance)."""
    if not (_authenticated(staff) and staff.is_staff):
        raise LoginRequired(_("Only staff may grant points."))
    if type(amount) is not int or amount == 0 or abs(amount) > conf.int_setting("WENKU_GRANT_MAX"):
        raise InvalidRequest(_("Enter a whole, non-zero number of points within the limit."))
    memo = (memo or "").strip()
    if not memo:
        raise InvalidRequest(_("Say why the points are granted."))
    account = member_account(user)
    grants = platform_account(Account.GRANTS)
    with transaction.atomic():
        locked = ledger.lock_accounts([account])[account.pk]
        if (locked.balance or 0) + amount < 0:  # a member account always has a balance
            raise InsufficientBalance(
                _("The member has only %(balance)d points.") % {"balance": locked.balance}
            )
        legs = [(grants, -amount), (account, amount)]
        return ledger.post(Reason.GRANT, f"grant:{uuid.uuid4().hex}", legs, memo=memo, actor=staff)


# --- Buying ------------------------------------------------------------------------------


def split_price(price: int) -> tuple[int, int]:
    """(platform commission, author's share). The commission rounds down: odd points go to
    the author, and the two parts always add up to the price exactly."""
    commission = price * conf.commission_percent() // 100
    return commission, price - commission


@dataclass
class PurchaseResult:
    purchase: Purchase
    outcome: str  # "created", "replayed" (same idempotency key) or "already" (bought before)

    @property
    def created(self) -> bool:
        return self.outcome == "created"


def live_purchase(user, doc_pk: int) -> Purchase | None:
    """The member's purchase of the document that was not refunded (at most one)."""
    if not _authenticated(user):
        return None
    live = Purchase.objects.filter(buyer_id=user.pk, document_id=doc_pk, refunded_at=None)
    return live.first()


def owns_copy(user, doc: Document) -> bool:
    """The member bought (or took the free copy of) this document, and was not refunded:
    a refund ends the access it paid for."""
    return _authenticated(user) and doc.pk in owned.documents(user.pk)


def clean_idempotency_key(raw: object) -> str:
    key = str(raw or "").strip()
    if len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidRequest(_("The idempotency key must be at most 100 printable characters."))
    return key


def purchase_document(
    buyer, document_id: int, *, idempotency_key: str = "", expected_price: int | None = None
) -> PurchaseResult:
    """Buy a document with points: one debit, one credit to the author, one commission.

    Safe to call twice, from two tabs or concurrently: the buyer's and the author's account
    rows are locked (in id order, so members buying from each other cannot deadlock), the
    (buyer, document) purchase and the ledger reference are unique, and an idempotency key
    replays the first result. Raises a WalletError subclass when refused (nothing moves).
    """
    if not _authenticated(buyer):
        raise LoginRequired()
    key = clean_idempotency_key(idempotency_key)
    for attempt in range(2):
        try:
            return _purchase(buyer, document_id, key, expected_price)
        except ledger.AccountsMissing as missing:  # first purchase of a member: once
            if attempt:
                raise
            ledger.ensure_members(missing.args[0])
        except IntegrityError:
            # Only reachable without row locks: another request of this buyer won the race.
            doc = Document.objects.filter(pk=document_id).first()
            prior = _prior(buyer, doc, key) if doc is not None else None
            if prior is None:
                raise
            return prior
    raise AssertionError("unreachable")


# Earnings held by open copyright notices (moderation) cannot be spent. Moderation registers
# nothing itself (wallet and moderation are independent): wenku.publishing.bridges connects it.
_spending_holds: list[Callable[[Any], int]] = []


def register_spending_hold(hold: Callable[[Any], int]) -> None:
    if hold not in _spending_holds:
        _spending_holds.append(hold)


def _held_points(member) -> int:
    return sum(hold(member) for hold in _spending_holds)


def _purchase(buyer, document_id: int, key: str, expected_price: int | None) -> PurchaseResult:
    # Every read and write of one purchase is one transaction: ~10 statements on PostgreSQL
    # (bench/purchase.py compares them with the bare SQL).
    with transaction.atomic():
        doc = Document.objects.filter(pk=document_id).first()
        if doc is None:
            raise NotAvailable()
        if doc.owner_id == buyer.pk:
            raise OwnDocument()
        if buyer.is_staff:
            raise NoPurchaseNeeded()
        if not doc.is_listed:
            raise NotAvailable()
        locked = ledger.lock_members([buyer.pk, doc.owner_id])
        prior = _prior(buyer, doc, key)
        if prior is not None:
            return prior
        price = doc.price
        # Never more than the buyer was shown (the author may raise it in between); a price
        # lowered in between is simply charged. The site form and the API always send it;
        # None is for trusted callers (commands, tests) only.
        if expected_price is not None and price > expected_price:
            raise PriceChanged(price=price)
        buyer_account, author_account = locked[buyer.pk], locked[doc.owner_id]
        spendable = (buyer_account.balance or 0) - (_held_points(buyer) if price else 0)
        if spendable < price:
            raise InsufficientBalance(
                _(
                    "This document costs %(price)d points and you have %(balance)d. "
                    "Top up to buy it."
                )
                % {"price": price, "balance": spendable},
                price=price,
                balance=spendable,
            )
        commission, share = split_price(price)
        txn = None
        if price:
            legs = [(buyer_account, -price), (author_account, share)]
            if commission:
                legs.append((platform_account(Account.COMMISSION), commission))
            reference = f"doc{doc.pk}:user{buyer.pk}"
            refunded = Purchase.objects.filter(buyer_id=buyer.pk, document_id=doc.pk).count()
            if refunded:  # bought again after a refund: a new charge, a new reference
                reference += f":{refunded + 1}"
            txn = ledger.post(Reason.PURCHASE, reference, legs, memo=doc.title)
        purchase = Purchase.objects.create(
            buyer=buyer,
            document=doc,
            document_title=doc.title,
            author_id=doc.owner_id,
            price=price,
            commission=commission,
            author_share=share,
            idempotency_key=key,
            transaction=txn,
        )
        return PurchaseResult(purchase, "created")


def _prior(buyer, doc: Document, key: str) -> PurchaseResult | None:
    """The purchase this request repeats (same key) or finds (same document), in one query."""
    live = Q(document_id=doc.pk, refunded_at=None)
    match = live | Q(idempotency_key=key) if key else live
    rows = list(Purchase.objects.filter(match, buyer_id=buyer.pk)[:2])
    same_key = next((p for p in rows if key and p.idempotency_key == key), None)
    if same_key is not None:
        if same_key.document_id != doc.pk:
            raise IdempotencyKeyReused()
        return PurchaseResult(same_key, "replayed")
    existing = next((p for p in rows if p.document_id == doc.pk and not p.refunded_at), None)
    return PurchaseResult(existing, "already") if existing is not None else None


def refund_purchase(purchase: Purchase, *, memo: str = "") -> LedgerTransaction | None:
    """Give the buyer their points back, once per purchase, at the platform's cost, and end
    the purchase: the buyer no longer reads beyond the preview or downloads (they may buy
    again). The author keeps the sale (the failure is the site's, and the author may have
    spent the points already); the loss shows in the platform's refunds account. Returns
    None if there is nothing to refund or it was refunded before.
    """
    if purchase.price <= 0 or purchase.transaction_id is None:
        return None
    account = member_account(purchase.buyer)
    refunds = platform_account(Account.REFUNDS)
    try:
        with transaction.atomic():
            row = Purchase.objects.select_for_update().get(pk=purchase.pk)
            if row.refunded_at is not None:
                return None
            ledger.lock_accounts([account])
            legs = [(refunds, -row.price), (account, row.price)]
            txn = ledger.post(
                Reason.REFUND, f"purchase{row.pk}", legs, memo=memo or row.document_title
            )
            row.refunded_at = timezone.now()
            row.save(update_fields=["refunded_at"])
    except IntegrityError:
        return None
    purchase.refunded_at = row.refunded_at
    log.info("refunded purchase %s (%s points)", row.pk, row.price)
    return txn
