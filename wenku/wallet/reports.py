"""Read-only views of the ledger: a member's history, purchases, an author's earnings, and the
staff's view of every transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Account, Entry, LedgerTransaction, Purchase


def history(user) -> QuerySet[Entry]:
    """The member's ledger entries, newest first, with their transactions."""
    return (
        Entry.objects.filter(account__user_id=user.pk).select_related("transaction").order_by("-id")
    )


def purchases_of(user) -> QuerySet[Purchase]:
    return Purchase.objects.filter(buyer_id=user.pk).select_related("document", "author")


@dataclass
class Earnings:
    total_sales: int
    total_revenue: int
    total_gross: int
    by_document: Sequence[Mapping[str, Any]]
    by_day: Sequence[Mapping[str, Any]]


def earnings(author, days: int = 30) -> Earnings:
    """Paid sales of the author's documents: totals, per document, and per day (last `days`)."""
    sales = Purchase.objects.filter(author_id=author.pk, price__gt=0)
    totals = sales.aggregate(n=Count("id"), revenue=Sum("author_share"), gross=Sum("price"))
    by_document = list(
        sales.values("document_id", "document_title")
        .annotate(sales=Count("id"), revenue=Sum("author_share"), gross=Sum("price"))
        .order_by("-revenue", "document_id")
    )
    since = timezone.now() - dt.timedelta(days=days)
    by_day = list(
        sales.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(sales=Count("id"), revenue=Sum("author_share"))
        .order_by("-day")
    )
    return Earnings(
        total_sales=totals["n"] or 0,
        total_revenue=totals["revenue"] or 0,
        total_gross=totals["gross"] or 0,
        by_document=by_document,
        by_day=by_day,
    )


def staff_ledger(reason: str = "", member: str = "") -> QuerySet[LedgerTransaction]:
    """Every transaction with its entries, newest first; filtered by reason or member name."""
    entries = Entry.objects.select_related("account__user").order_by("id")
    txns = LedgerTransaction.objects.select_related("actor").prefetch_related(
        Prefetch("entries", queryset=entries)
    )
    if reason:
        txns = txns.filter(reason=reason)
    if member:
        txns = txns.filter(
            Q(entries__account__user__username=member) | Q(actor__username=member)
        ).distinct()
    return txns.order_by("-id")


def platform_balances() -> dict[str, int]:
    """Balances of the platform accounts, summed from the ledger (they have no cache)."""
    rows = (
        Entry.objects.filter(account__code__isnull=False)
        .values("account__code")
        .annotate(total=Sum("amount"))
    )
    found = {row["account__code"]: int(row["total"] or 0) for row in rows}
    return {code: found.get(code, 0) for code in Account.PLATFORM_CODES}


def member_total() -> int:
    """Points held by all members together (= minus the platform accounts' sum)."""
    return int(Account.objects.filter(user__isnull=False).aggregate(s=Sum("balance"))["s"] or 0)
