"""Top-up orders: points bought for money, credited once when the gateway confirms payment."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import conf, ledger
from .errors import InvalidRequest, LoginRequired, NotAvailable
from .models import Account, LedgerTransaction, TopUpOrder


def price_cents(points: int) -> int:
    """What `points` cost in fen (1/100 yuan), rounded up."""
    per_yuan = conf.int_setting("WENKU_POINTS_PER_YUAN", 1)
    return -(-points * 100 // per_yuan)


def create_order(user, points: int, gateway_name: str) -> TopUpOrder:
    if user is None or not user.is_authenticated:
        raise LoginRequired()
    if points not in conf.topup_packages():
        raise InvalidRequest(_("Choose one of the offered amounts."))
    return TopUpOrder.objects.create(
        user=user, points=points, amount_cents=price_cents(points), gateway=gateway_name
    )


def complete_order(order_id: str, *, paid: bool, gateway_name: str, gateway_ref: str) -> TopUpOrder:
    """Apply a verified gateway callback. Idempotent: a replayed or duplicated callback
    changes nothing; points are credited at most once per order (the ledger reference is the
    order id). A payment reported after a cancellation is still credited: the money arrived.
    """
    try:
        order_uuid = uuid.UUID(str(order_id))
    except ValueError as exc:
        raise NotAvailable(_("Unknown order.")) from exc
    order = TopUpOrder.objects.filter(pk=order_uuid, gateway=gateway_name).first()
    if order is None:
        raise NotAvailable(_("Unknown order."))
    account = ledger.member_account(order.user)
    topups = ledger.platform_account(Account.TOPUPS)
    try:
        with transaction.atomic():
            order = TopUpOrder.objects.select_for_update().get(pk=order.pk)
            if order.status == TopUpOrder.Status.PAID:
                return order
            if not paid:
                if order.status == TopUpOrder.Status.PENDING:
                    order.status = TopUpOrder.Status.CANCELLED
                    order.finished_at = timezone.now()
                    order.save(update_fields=["status", "finished_at"])
                return order
            ledger.lock_accounts([account])
            txn = ledger.post(
                LedgerTransaction.Reason.TOPUP,
                f"order{order.pk.hex}",
                [(topups, -order.points), (account, order.points)],
                memo=f"{gateway_name} {gateway_ref}"[:200],
            )
            order.status = TopUpOrder.Status.PAID
            order.gateway_ref = gateway_ref[:100]
            order.transaction = txn
            order.finished_at = timezone.now()
            order.save(update_fields=["status", "gateway_ref", "transaction", "finished_at"])
    except IntegrityError:  # a concurrent callback for the same order posted first
        order = TopUpOrder.objects.get(pk=order.pk)
    return order
