"""The double-entry core: accounts, posting a balanced transaction, balances, and the audit.

Callers hold `transaction.atomic()` and lock the member accounts they touch with
`lock_accounts` (SELECT … FOR UPDATE, in id order so two purchases crossing between the same
two members cannot deadlock). SQLite ignores FOR UPDATE; Wenku runs it with IMMEDIATE
transactions, which serialise writers anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import BigIntegerField, Case, F, Sum, Value, When

from .models import Account, Entry, LedgerTransaction, Payout, Purchase


class LedgerError(Exception):
    """A programming error: an unbalanced or malformed transaction. Never shown to users."""


def member_account(user) -> Account:
    """The member's account, created on first use with a zero balance."""
    account, _ = Account.objects.get_or_create(user_id=user.pk, defaults={"balance": 0})
    return account


def platform_account(code: str) -> Account:
    if code not in Account.PLATFORM_CODES:
        raise LedgerError(f"unknown platform account {code!r}")
    account, _ = Account.objects.get_or_create(code=code, defaults={"balance": None})
    return account


class AccountsMissing(Exception):
    """lock_members found members without an account: create them outside the transaction
    (ensure_members) and start it again, so no lock is ever held while creating one."""


def ensure_members(user_ids: Iterable[int]) -> None:
    for user_id in set(user_ids):
        Account.objects.get_or_create(user_id=user_id, defaults={"balance": 0})


def lock_members(user_ids: Iterable[int]) -> dict[int, Account]:
    """Lock the accounts of these members in id order, in one query; by user id.

    Raises AccountsMissing if one has no account yet (see ensure_members)."""
    wanted = set(user_ids)
    rows = Account.objects.select_for_update().filter(user_id__in=wanted).order_by("pk")
    found = {a.user_id: a for a in rows if a.user_id is not None}
    if len(found) < len(wanted):
        raise AccountsMissing(sorted(wanted - found.keys()))
    return found


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    """Lock the member accounts (platform ones are never locked: no cached balance) in id
    order and return them freshly read, by id."""
    ids = sorted({a.pk for a in accounts if not a.is_platform})
    if not ids:
        return {}
    rows = Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {a.pk: a for a in rows}


def post(
    reason: str,
    reference: str,
    legs: Sequence[tuple[Account, int]],
    *,
    memo: str = "",
    actor=None,
) -> LedgerTransaction:
    """Write one balanced transaction and move the cached member balances with it.

    Must run inside an atomic block that locked the member accounts. Raises IntegrityError if
    (reason, reference) was already posted, and LedgerError for an unbalanced transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise LedgerError("post() must run inside transaction.atomic()")
    legs = [(acc, amt) for acc, amt in legs if amt != 0]
    if not legs:
        raise LedgerError("a transaction needs at least one non-zero leg")
    if any(type(amt) is not int for _, amt in legs):
        raise LedgerError("amounts are whole points")
    if sum(amt for _, amt in legs) != 0:
        raise LedgerError(f"unbalanced transaction {reason}:{reference}: {legs}")
    txn = LedgerTransaction.objects.create(
        reason=reason, reference=reference[:100], memo=memo[:200], actor=actor
    )
    Entry.objects.bulk_create(
        [Entry(transaction=txn, account=acc, amount=amt) for acc, amt in legs]
    )
    per_member: dict[int, int] = {}
    for acc, amt in legs:
        if not acc.is_platform:
            per_member[acc.pk] = per_member.get(acc.pk, 0) + amt
    if per_member:
        # One UPDATE for all members; the CHECK constraint (balance >= 0) is the last guard
        # against an overdraft.
        cases = [When(pk=pk, then=Value(d)) for pk, d in per_member.items()]
        delta = Case(*cases, output_field=BigIntegerField())
        Account.objects.filter(pk__in=per_member).update(balance=F("balance") + delta)
    return txn


def already_posted(reason: str, reference: str) -> bool:
    return LedgerTransaction.objects.filter(reason=reason, reference=reference).exists()


def ledger_balance(account: Account) -> int:
    """The balance derived from the ledger itself (not the cache)."""
    total = Entry.objects.filter(account=account).aggregate(s=Sum("amount"))["s"]
    return int(total or 0)


def balance_of(user) -> int:
    """The member's cached balance (0 before their first movement)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    value = Account.objects.filter(user_id=user.pk).values_list("balance", flat=True).first()
    return int(value or 0)


@dataclass
class AuditReport:
    transactions: int = 0
    entries: int = 0
    accounts: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit(limit: int = 50) -> AuditReport:
    """Prove the books: every transaction sums to zero, the whole ledger sums to zero, every
    cached member balance equals its entries and is not negative, every paid purchase has its
    transaction with the buyer's debit equal to the price, the payout reserve holds exactly the
    open payout requests."""
    report = AuditReport(
        transactions=LedgerTransaction.objects.count(),
        entries=Entry.objects.count(),
        accounts=Account.objects.count(),
    )
    problems = report.problems
    unbalanced = (
        Entry.objects.values("transaction_id")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .order_by("transaction_id")[:limit]
    )
    for row in unbalanced:
        problems.append(f"transaction {row['transaction_id']} sums to {row['total']}, not 0")
    empty = LedgerTransaction.objects.filter(entries__isnull=True).values_list("pk", flat=True)
    for pk in empty[:limit]:
        problems.append(f"transaction {pk} has no entries")
    grand = Entry.objects.aggregate(s=Sum("amount"))["s"] or 0
    if grand != 0:
        problems.append(f"the ledger sums to {grand}, not 0")
    sums = dict(
        Entry.objects.values("account_id")
        .annotate(total=Sum("amount"))
        .values_list("account_id", "total")
    )
    members = Account.objects.filter(user__isnull=False).values_list("pk", "user_id", "balance")
    for pk, user_id, cached in members.iterator():
        derived = int(sums.get(pk, 0) or 0)
        if cached != derived:
            problems.append(
                f"account {pk} (user {user_id}): cached balance {cached} != ledger {derived}"
            )
        if derived < 0:
            problems.append(f"account {pk} (user {user_id}) is negative: {derived}")
    debits = dict(
        Entry.objects.filter(
            transaction__purchase__isnull=False,
            account__user_id=F("transaction__purchase__buyer_id"),
        )
        .values("transaction__purchase")
        .annotate(total=Sum("amount"))
        .values_list("transaction__purchase", "total")
    )
    paid = Purchase.objects.filter(price__gt=0).values_list(
        "pk", "price", "commission", "author_share", "transaction_id"
    )
    for pk, price, commission, share, txn_id in paid.iterator():
        if txn_id is None:
            problems.append(f"purchase {pk} has no ledger transaction")
        elif debits.get(pk) != -price:
            problems.append(f"purchase {pk}: buyer debit {debits.get(pk)} != price {price}")
        if commission + share != price:
            problems.append(f"purchase {pk}: split does not add up to the price")
    _audit_payouts(problems, sums)
    return report


def _audit_payouts(problems: list[str], sums: dict) -> None:
    """The payout reserve holds exactly the open requests; every decided one is settled."""
    reserve = Account.objects.filter(code=Account.PAYOUT_RESERVE).first()
    held = int(sums.get(reserve.pk, 0) or 0) if reserve else 0
    pending = Payout.objects.filter(status=Payout.Status.PENDING).aggregate(s=Sum("points"))
    if held != int(pending["s"] or 0):
        problems.append(f"the payout reserve holds {held}, open requests {pending['s'] or 0}")
    unsettled = Payout.objects.exclude(status=Payout.Status.PENDING).filter(settlement=None)
    for pk in unsettled.values_list("pk", flat=True)[:50]:
        problems.append(f"payout {pk} was decided without a ledger transaction")
