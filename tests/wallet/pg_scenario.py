"""The concurrent purchase scenario, run in a child process against PostgreSQL.

    WENKU_DATABASE_URL=postgres://…/fresh_db python -m tests.wallet.pg_scenario

Migrates the (empty) database, makes 20 buyers and 50 documents by 10 authors (5 of the
authors are buyers too, so purchases cross between the same members in both directions),
then buys every (buyer, document) pair from 16 threads at once, with double clicks (the same
idempotency key twice) and second tabs (another key) sent side by side. Prints one JSON line
of findings; the parent test (test_concurrency_pg.py) asserts on them.
"""

from __future__ import annotations

import collections
import json
import os
import random
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

BUYERS, DOCS, AUTHORS, THREADS = 20, 50, 10, 16
COMMISSION = 10


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        print(json.dumps({"error": f"not on PostgreSQL but {connection.vendor}"}))
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    settings.WENKU_COMMISSION_PERCENT = COMMISSION
    settings.WENKU_SIGNUP_BONUS = 20  # every member starts with a ledger transaction

    from django.contrib.auth import get_user_model
    from django.db.models import Sum

    from wenku.library.models import Document
    from wenku.wallet import ledger, services
    from wenku.wallet.errors import WalletError
    from wenku.wallet.models import Account, Entry, LedgerTransaction, Purchase

    rng = random.Random(20240607)
    User = get_user_model()
    staff = User.objects.create_user("staff", is_staff=True)
    buyers = [User.objects.create_user(f"buyer{i}") for i in range(BUYERS)]
    # Authors 0-4 are buyers 0-4: they sell to and buy from each other at the same time.
    authors = buyers[:5] + [User.objects.create_user(f"author{i}") for i in range(5, AUTHORS)]
    docs = [
        Document.objects.create(
            owner=authors[i % AUTHORS],
            title=f"文档{i}",
            original=f"originals/x/{i}.pdf",
            format="pdf",
            status=Document.Status.READY,
            page_count=3,
            price=rng.randint(1, 40),
        )
        for i in range(DOCS)
    ]
    total_price = sum(d.price for d in docs)
    poor = set(range(15, BUYERS))  # these five can afford only part of the catalogue
    for i, buyer in enumerate(buyers):
        services.grant(staff, buyer, total_price // 3 if i in poor else total_price, "funds")
    start_balance = {u.pk: ledger.balance_of(u) for u in {*buyers, *authors}}

    # Requests: each (buyer, document) pair once, some twice with the same key (double click),
    # some again with a new key (second tab). A pair's requests stay adjacent, and each buyer's
    # requests come in runs of 8, so the 16 threads hold several purchases of the same buyer
    # (and of members buying from each other) at the same moment.
    per_buyer: dict[int, list] = {}
    for buyer in buyers:
        blocks = []
        for doc in docs:
            key = f"{buyer.pk}-{doc.pk}-a"
            block = [(buyer, doc, key)]
            roll = rng.random()
            if roll < 0.3:
                block.append((buyer, doc, key))
            elif roll < 0.5:
                block.append((buyer, doc, f"{buyer.pk}-{doc.pk}-b"))
            blocks.append(block)
        rng.shuffle(blocks)
        per_buyer[buyer.pk] = blocks
    jobs = []
    for start in range(0, DOCS, 8):
        order = list(per_buyer)
        rng.shuffle(order)
        for buyer_pk in order:
            for block in per_buyer[buyer_pk][start : start + 8]:
                jobs.extend(block)

    outcomes: collections.Counter = collections.Counter()
    created_pairs: collections.Counter = collections.Counter()
    own_pairs: set = set()
    lock = threading.Lock()
    go = threading.Event()

    def buy(job) -> None:
        go.wait()
        buyer, doc, key = job
        try:
            result = services.purchase_document(
                buyer, doc.pk, idempotency_key=key, expected_price=doc.price
            )
            outcome = result.outcome
        except WalletError as exc:
            outcome = exc.code
        except Exception as exc:  # a deadlock or a constraint: the scenario fails loudly
            outcome = f"crash:{type(exc).__name__}:{exc}"[:200]
        with lock:
            outcomes[outcome.split(":")[0] if outcome.startswith("crash") else outcome] += 1
            if outcome.startswith("crash"):
                outcomes[outcome] += 1
            if outcome == "created":
                created_pairs[(buyer.pk, doc.pk)] += 1
            if outcome == "own_document":
                own_pairs.add((buyer.pk, doc.pk))

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(buy, job) for job in jobs]
        go.set()
        for future in futures:
            future.result()
    connections.close_all()

    # --- Findings ---------------------------------------------------------------------
    report = ledger.audit()
    purchases = list(Purchase.objects.values("buyer_id", "document_id", "price", "commission"))
    pair_rows = collections.Counter((p["buyer_id"], p["document_id"]) for p in purchases)
    charges = collections.Counter(
        LedgerTransaction.objects.filter(reason="purchase").values_list("reference", flat=True)
    )
    owner_of = {d.pk: d.owner_id for d in docs}
    spent = collections.Counter()
    earned = collections.Counter()
    commission_total = 0
    for p in purchases:
        spent[p["buyer_id"]] += p["price"]
        earned[owner_of[p["document_id"]]] += p["price"] - p["commission"]
        commission_total += p["commission"]
        assert p["commission"] == p["price"] * COMMISSION // 100
    balance_errors = []
    for user_pk, start in start_balance.items():
        expected = start - spent[user_pk] + earned[user_pk]
        actual = Account.objects.get(user_id=user_pk).balance
        if actual != expected:
            balance_errors.append((user_pk, expected, actual))
    author_errors = []
    for author in authors:
        credited = (
            Entry.objects.filter(
                account__user=author, transaction__reason="purchase", amount__gt=0
            ).aggregate(s=Sum("amount"))["s"]
            or 0
        )
        sales = sum(p["price"] for p in purchases if owner_of[p["document_id"]] == author.pk)
        commission = sum(
            p["commission"] for p in purchases if owner_of[p["document_id"]] == author.pk
        )
        if credited != sales - commission:
            author_errors.append((author.pk, credited, sales - commission))
    rich_missing = [
        (b.pk, d.pk)
        for i, b in enumerate(buyers)
        if i not in poor
        for d in docs
        if d.owner_id != b.pk and pair_rows[(b.pk, d.pk)] != 1
    ]
    commission_account = ledger.ledger_balance(ledger.platform_account(Account.COMMISSION))
    check_exit = 0
    try:
        call_command("wallet_check", stdout=open(os.devnull, "w"))
    except SystemExit as exc:
        check_exit = int(exc.code or 0)
    except Exception:
        check_exit = 1
    findings = {
        "vendor": connection.vendor,
        "requests": len(jobs),
        "outcomes": dict(outcomes),
        "purchases": len(purchases),
        "audit_problems": report.problems[:20],
        "ledger_sum": Entry.objects.aggregate(s=Sum("amount"))["s"] or 0,
        "pairs_with_more_than_one_row": sum(1 for n in pair_rows.values() if n > 1),
        "pairs_charged_twice": sum(1 for n in charges.values() if n > 1),
        "pairs_created_twice": sum(1 for n in created_pairs.values() if n > 1),
        "charges": sum(charges.values()),
        "min_member_balance": min(
            Account.objects.filter(user__isnull=False).values_list("balance", flat=True)
        ),
        "balance_errors": balance_errors[:10],
        "author_errors": author_errors[:10],
        "rich_missing": rich_missing[:10],
        "commission_expected": commission_total,
        "commission_account": commission_account,
        "insufficient": outcomes.get("insufficient_balance", 0),
        "own_pairs_refused": len(own_pairs),
        "own_pairs_bought": sum(
            1 for p in purchases if owner_of[p["document_id"]] == p["buyer_id"]
        ),
        "wallet_check_exit": check_exit,
    }
    print("FINDINGS " + json.dumps(findings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
