"""Concurrent payout requests, purchases and staff decisions, in a child process on PostgreSQL.

    WENKU_DATABASE_URL=postgres://…/fresh_db python -m tests.wallet.pg_payout_scenario

10 authors earn from sales; 4 have part of their revenue held by an open copyright notice.
Then, from 16 threads at once: each author sends 6 payout requests (double clicks, second
tabs, amounts around the withdrawable figure) while spending on other authors' documents and
while buyers keep buying theirs; in a second wave two staff members approve and reject the same
requests at the same time, while authors request again. Prints one JSON line of findings
(test_payouts_pg.py asserts on them).
"""

from __future__ import annotations

import collections
import json
import os
import random
import threading
from concurrent.futures import ThreadPoolExecutor

AUTHORS, BUYERS, DOCS_PER_AUTHOR, THREADS = 10, 8, 4, 16


def main() -> int:  # long: one scenario, set-up, two waves and the findings read top to bottom
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.models import Sum

    if connection.vendor != "postgresql":
        print(json.dumps({"error": f"not on PostgreSQL but {connection.vendor}"}))
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    settings.WENKU_PAYOUT_MIN = 10
    settings.WENKU_PAYOUT_FEE = 2
    settings.WENKU_COMMISSION_PERCENT = 10

    from django.contrib.auth import get_user_model

    from wenku.library.models import Document
    from wenku.moderation.models import Complaint, RevenueHold
    from wenku.moderation.services import held_points
    from wenku.wallet import ledger, payouts, services
    from wenku.wallet.errors import WalletError
    from wenku.wallet.models import Account, Entry, Payout, Purchase

    rng = random.Random(20261203)
    User = get_user_model()
    staff = [User.objects.create_user(f"staff{i}", is_staff=True) for i in range(2)]
    authors = [User.objects.create_user(f"author{i}") for i in range(AUTHORS)]
    buyers = [User.objects.create_user(f"buyer{i}") for i in range(BUYERS)]
    docs = [
        Document.objects.create(
            owner=author,
            title=f"{author.username}-{n}",
            original=f"originals/x/{author.pk}-{n}.pdf",
            format="pdf",
            status=Document.Status.READY,
            page_count=3,
            price=rng.randint(20, 60),
        )
        for author in authors
        for n in range(DOCS_PER_AUTHOR)
    ]
    first, later = docs[: len(docs) // 2], docs[len(docs) // 2 :]
    for buyer in buyers:
        services.grant(staff[0], buyer, 5000, "funds")
    for author in authors[:5]:
        services.grant(staff[0], author, 200, "spending money (not withdrawable)")
    for buyer in buyers[:4]:  # earnings before the race
        for doc in first:
            services.purchase_document(buyer, doc.pk)
    complaint = Complaint.objects.create(kind=Complaint.Kind.COPYRIGHT, reporter=buyers[0])
    for i, author in enumerate(authors[:4]):
        RevenueHold.objects.create(
            complaint=complaint, document_pk=docs[i * DOCS_PER_AUTHOR].pk, author=author, points=60
        )

    outcomes: collections.Counter = collections.Counter()
    lock = threading.Lock()

    def run(job) -> None:
        kind, args = job
        try:
            if kind == "payout":
                payouts.request_payout(*args)
            elif kind == "buy":
                services.purchase_document(*args)
            elif kind == "approve":
                payouts.approve(*args)
            else:
                payouts.reject(*args)
            outcome = f"{kind}:ok"
        except WalletError as exc:
            outcome = f"{kind}:{exc.code}"
        except Exception as exc:  # a deadlock or a constraint: the scenario fails loudly
            outcome = f"crash:{type(exc).__name__}:{exc}"[:200]
        with lock:
            outcomes[outcome] += 1

    def wave(jobs) -> None:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            for future in [pool.submit(run, job) for job in jobs]:
                future.result()
        connections.close_all()

    jobs = []
    for author in authors:
        figure = payouts.withdrawable(author).amount
        for amount in (figure, figure, figure // 2, figure + 1, figure, 15):
            jobs.append(("payout", (author, max(1, amount))))
        for doc in rng.sample([d for d in docs if d.owner_id != author.pk], 3):
            jobs.append(("buy", (author, doc.pk)))
    for buyer in buyers[4:]:
        for doc in later:
            jobs.append(("buy", (buyer, doc.pk)))
    rng.shuffle(jobs)
    wave(jobs)

    pending = list(Payout.objects.filter(status="pending").values_list("pk", flat=True))
    jobs = []
    for pk in pending:
        jobs += [
            ("approve", (staff[0], pk)),
            ("reject", (staff[1], pk, "核对中")),
            ("approve", (staff[1], pk)),
        ]
    for author in authors:
        jobs.append(("payout", (author, 10)))
        jobs.append(("payout", (author, 10)))
    rng.shuffle(jobs)
    wave(jobs)

    report = ledger.audit()
    sums = dict(
        Entry.objects.values("account__user_id")
        .annotate(t=Sum("amount"))
        .values_list("account__user_id", "t")
    )
    over_paid, held_spent, open_twice = [], [], []
    for author in authors:
        earned = Purchase.objects.filter(author=author).aggregate(s=Sum("author_share"))["s"] or 0
        out = Payout.objects.filter(author=author, status__in=["pending", "approved"])
        taken = out.aggregate(s=Sum("points"))["s"] or 0
        held = held_points(author)
        if taken > earned - held:
            over_paid.append([author.username, taken, earned, held])
        if int(sums.get(author.pk, 0) or 0) < held:
            held_spent.append([author.username, sums.get(author.pk), held])
        if Payout.objects.filter(author=author, status="pending").count() > 1:
            open_twice.append(author.username)
    decided = Payout.objects.exclude(status="pending")
    settled_twice = decided.filter(events__kind__in=["approved", "rejected"]).values("pk")
    settled_twice = settled_twice.annotate(n=django.db.models.Count("events")).filter(n__gt=1)
    payout_account = ledger.platform_account(Account.PAYOUTS)
    findings = {
        "vendor": connection.vendor,
        "outcomes": dict(outcomes),
        "audit_problems": report.problems,
        "ledger_sum": int(Entry.objects.aggregate(s=Sum("amount"))["s"] or 0),
        "min_member_balance": min(
            Account.objects.filter(user__isnull=False).values_list("balance", flat=True)
        ),
        "over_paid": over_paid,
        "held_spent": held_spent,
        "open_twice": open_twice,
        "decided_twice": list(settled_twice.values_list("pk", flat=True)),
        "approved": Payout.objects.filter(status="approved").count(),
        "rejected": Payout.objects.filter(status="rejected").count(),
        "payout_account": ledger.ledger_balance(payout_account),
        "approved_net": sum(p.net for p in Payout.objects.filter(status="approved")),
    }
    print("FINDINGS " + json.dumps(findings, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
