"""Purchase benchmark: the wallet's purchase service against the bare SQL of a purchase.

    .venv/bin/python bench/purchase.py [--purchases 1000] [--clients 1,8]

Creates a throw-away PostgreSQL database (WENKU_TEST_POSTGRES_URL's server, default
postgres://postgres@127.0.0.1:5432/test), migrates it, makes 40 funded buyers and 200
priced documents by 20 authors (commission 10%, so every purchase has three ledger legs),
then for each client count runs, in that many processes started together:

- service: wenku.wallet.services.purchase_document() for distinct (buyer, document) pairs;
- bare:    the same rows written with plain SQL over psycopg, one transaction per purchase:
           lock the two member accounts (SELECT … FOR UPDATE, id order), INSERT the ledger
           transaction and its entries (two or three: a commission that rounds to 0 has no
           row), UPDATE both cached balances in one statement, INSERT the purchase row. No
           checks, no ORM: the floor any correct purchase costs.

Prints purchases per second for both and their ratio, audits the ledger, drops the database.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("WENKU_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
BUYERS, AUTHORS, DOCS, COMMISSION = 40, 20, 200, 10


def create_database() -> tuple[str, str]:
    import psycopg
    from psycopg import sql

    name = f"wenku_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name, urlunsplit(urlsplit(PG_URL)._replace(path=f"/{name}"))


def drop_database(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_URL, autocommit=True) as admin:
        query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        admin.execute(query)


def setup_django(url: str, data_dir: str) -> None:
    os.environ["WENKU_DATA_DIR"] = data_dir
    os.environ["WENKU_DATABASE_URL"] = url
    os.environ.setdefault("WENKU_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghij")
    os.environ["DJANGO_SETTINGS_MODULE"] = "wenku.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.WENKU_COMMISSION_PERCENT = COMMISSION
    call_command("migrate", verbosity=0)


def make_library() -> tuple[list[int], list[int]]:
    """Funded buyers and priced documents; returns their ids."""
    from django.contrib.auth import get_user_model

    from wenku.library.models import Document
    from wenku.wallet import services

    User = get_user_model()
    staff = User.objects.create_user("bench-staff", is_staff=True)
    buyers = [User.objects.create_user(f"bench-buyer{i}") for i in range(BUYERS)]
    authors = [User.objects.create_user(f"bench-author{i}") for i in range(AUTHORS)]
    docs = [
        Document.objects.create(
            owner=authors[i % AUTHORS],
            title=f"基准文档{i}",
            original=f"originals/b/{i}.pdf",
            format="pdf",
            status=Document.Status.READY,
            page_count=5,
            price=5 + i % 30,
        )
        for i in range(DOCS)
    ]
    for buyer in buyers:
        services.grant(staff, buyer, 100_000, "bench funds")
    return [b.pk for b in buyers], [d.pk for d in docs]


# --- workers (forked: each opens its own connection) ------------------------------------


def service_worker(pairs: list[tuple[int, int]], barrier, errors) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection

    from wenku.wallet import services

    users = {u.pk: u for u in get_user_model().objects.filter(pk__in={b for b, _ in pairs})}
    connection.ensure_connection()
    barrier.wait()
    for buyer_id, doc_id in pairs:
        result = services.purchase_document(users[buyer_id], doc_id)
        if not result.created:
            errors.value += 1
    connection.close()


def bare_worker(pairs: list[tuple[int, int]], info: dict, barrier, errors) -> None:
    import psycopg

    conn = psycopg.connect(info["url"])
    account, price, owner = info["account"], info["price"], info["owner"]
    commission_account = info["commission_account"]
    barrier.wait()
    for buyer_id, doc_id in pairs:
        buyer_acc, author_acc = account[buyer_id], account[owner[doc_id]]
        cost = price[doc_id]
        commission = cost * COMMISSION // 100
        share = cost - commission
        with conn.transaction():
            conn.execute(
                "SELECT id, balance FROM wallet_account WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                ([buyer_acc, author_acc],),
            )
            txn_id = conn.execute(
                "INSERT INTO wallet_ledgertransaction (reason, reference, memo, created_at) "
                "VALUES ('purchase', %s, '', now()) RETURNING id",
                (f"bare:doc{doc_id}:user{buyer_id}",),
            ).fetchone()[0]
            legs = [(buyer_acc, -cost), (author_acc, share), (commission_account, commission)]
            legs = [(acc, amount) for acc, amount in legs if amount]  # as the service does
            conn.execute(
                "INSERT INTO wallet_entry (transaction_id, account_id, amount) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(legs)),
                [value for acc, amount in legs for value in (txn_id, acc, amount)],
            )
            conn.execute(
                "UPDATE wallet_account AS a SET balance = a.balance + v.d "
                "FROM (VALUES (%s::bigint, %s::bigint), (%s, %s)) AS v(id, d) WHERE a.id = v.id",
                (buyer_acc, -cost, author_acc, share),
            )
            conn.execute(
                "INSERT INTO wallet_purchase (buyer_id, document_id, document_title, author_id, "
                "price, commission, author_share, idempotency_key, transaction_id, created_at) "
                "VALUES (%s, %s, '', %s, %s, %s, %s, '', %s, now())",
                (buyer_id, doc_id, owner[doc_id], cost, commission, share, txn_id),
            )
    conn.close()


def run(kind: str, pairs: list[tuple[int, int]], clients: int, info: dict) -> float:
    """Purchases per second for `pairs` split over `clients` processes started together."""
    from django.db import connections

    connections.close_all()  # never share a connection across fork
    ctx = mp.get_context("fork")
    barrier = ctx.Barrier(clients + 1)
    errors = ctx.Value("i", 0)
    chunks = [pairs[i::clients] for i in range(clients)]
    procs = []
    for chunk in chunks:
        args = (chunk, barrier, errors) if kind == "service" else (chunk, info, barrier, errors)
        target = service_worker if kind == "service" else bare_worker
        procs.append(ctx.Process(target=target, args=args))
    for proc in procs:
        proc.start()
    barrier.wait()
    started = time.perf_counter()
    for proc in procs:
        proc.join()
    elapsed = time.perf_counter() - started
    if any(p.exitcode for p in procs) or errors.value:
        raise SystemExit(f"{kind} run failed: exit codes {[p.exitcode for p in procs]}")
    return len(pairs) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--purchases", type=int, default=1000, help="purchases per run")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts")
    args = parser.parse_args(argv)
    clients = [int(c) for c in args.clients.split(",")]
    name, url = create_database()
    try:
        with tempfile.TemporaryDirectory(prefix="wenku-bench-") as data_dir:
            setup_django(url, data_dir)
            buyers, docs = make_library()
            from wenku.library.models import Document
            from wenku.wallet.ledger import audit, platform_account
            from wenku.wallet.models import Account

            info = {
                "url": url,
                "account": dict(
                    Account.objects.filter(user__isnull=False).values_list("user_id", "pk")
                ),
                "price": dict(Document.objects.values_list("pk", "price")),
                "owner": dict(Document.objects.values_list("pk", "owner_id")),
                "commission_account": platform_account(Account.COMMISSION).pk,
            }
            # Distinct pairs for every run, interleaved so concurrent clients contend on
            # buyers and authors the way a busy site does.
            all_pairs = [(b, d) for d in docs for b in buyers]
            needed = args.purchases * len(clients) * 2
            if needed > len(all_pairs):
                raise SystemExit(f"at most {len(all_pairs) // (2 * len(clients))} purchases")
            results = []
            offset = 0
            for count in clients:
                row = [count]
                for kind in ("service", "bare"):
                    pairs = all_pairs[offset : offset + args.purchases]
                    offset += args.purchases
                    row.append(run(kind, pairs, count, info))
                results.append(row)
            report = audit()
            print(f"PostgreSQL purchases per second ({args.purchases} purchases per run, ")
            print(f"commission {COMMISSION}%, {BUYERS} buyers, {DOCS} documents)")
            print(f"{'clients':>8} {'service/s':>10} {'bare SQL/s':>11} {'bare/service':>13}")
            for count, service, bare in results:
                print(f"{count:>8} {service:>10.0f} {bare:>11.0f} {bare / service:>12.2f}x")
            print("ledger audit:", "OK" if report.ok else report.problems[:5])
            return 0 if report.ok else 1
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(name)


if __name__ == "__main__":
    sys.exit(main())
