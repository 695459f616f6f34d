"""Two tabs racing the buy button through the real view, on PostgreSQL (child process of
test_money_purchase.py): `WENKU_DATABASE_URL=postgres://…/fresh python -m tests.abuse.money_race`.
Prints one line, RACE {json}."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenku.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.urls import reverse

    from wenku.library.models import Document
    from wenku.wallet import ledger, services
    from wenku.wallet.models import LedgerTransaction, Purchase

    call_command("migrate", verbosity=0, interactive=False)
    settings.MEDIA_ROOT = tempfile.mkdtemp()
    settings.WENKU_SIGNUP_BONUS = 0
    settings.WENKU_COMMISSION_PERCENT = 0
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.contrib.auth import get_user_model

    User = get_user_model()
    staff = User.objects.create_user("staff", is_staff=True)
    author, buyer = User.objects.create_user("author"), User.objects.create_user("buyer")
    services.grant(staff, buyer, 100, "funds")
    doc = Document.objects.create(
        owner=author, title="赛跑", format="pdf", status="ready", page_count=3, price=10
    )
    doc.original.save("upload", ContentFile(b"%PDF-1.4 race"), save=True)
    tabs = []
    for _ in range(2):
        client = Client()
        client.force_login(buyer)
        page = client.get(doc.get_absolute_url()).content.decode()
        form = dict(re.findall(r'name="(idempotency_key|expected_price)" value="([^"]*)"', page))
        tabs.append((client, form))
    go, statuses, lock = threading.Barrier(16), [], threading.Lock()

    def attack(i: int) -> None:
        client, form = tabs[i % 2]
        go.wait()
        try:
            status = client.post(reverse("wallet:buy", args=[doc.pk]), form).status_code
        except Exception as exc:  # noqa: BLE001 - reported, the parent test fails
            status = f"crash {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = {
        "vendor": connection.vendor,
        "statuses": statuses,
        "purchases": Purchase.objects.count(),
        "charges": LedgerTransaction.objects.filter(reason="purchase").count(),
        "buyer_balance": ledger.balance_of(buyer),
        "author_balance": ledger.balance_of(author),
        "audit_problems": ledger.audit().problems,
    }
    print("RACE " + json.dumps(found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
