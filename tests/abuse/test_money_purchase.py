"""The attacker (or the author) at the buy button: a price raised between showing and
buying, a form without the price, two tabs, a double click, requests racing each other,
an idempotency key replayed after a refund, buying again after a refund."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tests.abuse.money_fixtures import *  # noqa: F403 - the wallet fixtures
from tests.abuse.money_fixtures import _wallet_settings, moved  # noqa: F401
from tests.wallet.test_concurrency_pg import ROOT, fresh_database
from wenku.library.models import Document
from wenku.wallet import ledger
from wenku.wallet.models import LedgerTransaction, Purchase

pytestmark = pytest.mark.django_db


def shown_form(client, doc) -> dict:
    """The buy form exactly as the document page rendered it."""
    page = client.get(doc.get_absolute_url()).content.decode()
    form = page[page.index(reverse("wallet:buy", args=[doc.pk])) :]
    fields = dict(re.findall(r'name="(idempotency_key|expected_price)" value="([^"]*)"', form))
    assert set(fields) == {"idempotency_key", "expected_price"}
    return fields


def api_buy(client, doc, **body):
    url = reverse("api:document_purchase", args=[doc.pk])
    return client.post(url, json.dumps(body), content_type="application/json")


def test_price_raised_after_the_page_was_shown_is_not_charged(client, make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    form = shown_form(client, doc)
    assert form["expected_price"] == "10"
    # The author, in between, through the edit form's save.
    doc.price = 90
    doc.save(update_fields=["price"])
    response = client.post(reverse("wallet:buy", args=[doc.pk]), form)
    assert response.status_code == 302 and response["Location"].endswith("#download")
    assert ledger.balance_of(buyer) == 100 and not Purchase.objects.exists() and moved() == 0
    # The page now shows 90; buying at that price is the buyer's own choice.
    assert shown_form(client, doc)["expected_price"] == "90"


def test_a_form_without_the_shown_price_is_refused(client, make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    for data in (
        {"idempotency_key": "a"},
        {"idempotency_key": "b", "expected_price": ""},
        {"idempotency_key": "c", "expected_price": "-1"},
    ):
        client.post(reverse("wallet:buy", args=[doc.pk]), data)
    assert ledger.balance_of(buyer) == 100 and moved() == 0
    response = api_buy(client, doc, idempotency_key="d")
    assert response.status_code == 400 and "expected_price" in response.json()["detail"]
    response = api_buy(client, doc, expected_price=5)
    assert response.status_code == 409 and response.json()["error"] == "price_changed"
    assert ledger.balance_of(buyer) == 100 and moved() == 0


def test_a_price_lowered_in_between_charges_the_lower_price(client, make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    form = shown_form(client, doc)
    Document.objects.filter(pk=doc.pk).update(price=4)
    assert client.post(reverse("wallet:buy", args=[doc.pk]), form).status_code == 200
    assert ledger.balance_of(buyer) == 96 and Purchase.objects.get().price == 4


def test_two_tabs_and_a_double_click_charge_once(client, make_doc, author, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    tab1, tab2 = shown_form(client, doc), shown_form(client, doc)
    assert tab1["idempotency_key"] != tab2["idempotency_key"]
    url = reverse("wallet:buy", args=[doc.pk])
    for form in (tab1, tab1, tab2, tab1):
        assert client.post(url, form).status_code == 200  # each starts a download
    assert ledger.balance_of(buyer) == 90 and ledger.balance_of(author) == 10
    assert Purchase.objects.count() == 1
    assert LedgerTransaction.objects.filter(reason="purchase").count() == 1


@pytest.mark.postgres
@pytest.mark.slow
def test_racing_requests_charge_once_on_postgres():
    """Sixteen buy requests from two tabs at once, through the real view, on PostgreSQL (the
    suite's SQLite serialises every writer, so a race cannot show there): money_race.py."""
    with fresh_database("wenku_race") as url, tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "WENKU_DATABASE_URL": url, "WENKU_DATA_DIR": data_dir}
        proc = subprocess.run(
            [sys.executable, "-m", "tests.abuse.money_race"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    output = proc.stdout[-4000:] + proc.stderr[-4000:]
    assert proc.returncode == 0, output
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RACE "))
    found = json.loads(line.removeprefix("RACE "))
    assert found["vendor"] == "postgresql"
    assert sorted(set(found["statuses"])) == [200], found  # every tab starts the download
    assert found["purchases"] == 1 and found["charges"] == 1
    assert found["buyer_balance"] == 90 and found["author_balance"] == 10
    assert found["audit_problems"] == []


def test_after_a_refund_the_old_form_and_key_buy_nothing_for_free(client, make_doc, buyer, fund):
    """Refunded after a real failure: replaying the old form (same key) must not restore
    access without paying; buying again (a new page view) charges again, once."""
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    form = shown_form(client, doc)
    start = client.post(reverse("wallet:buy", args=[doc.pk]), form)
    os.remove(default_storage.path(doc.original.name))
    assert client.get(start.context["link"].url).status_code == 503
    assert ledger.balance_of(buyer) == 100
    replay = client.post(reverse("wallet:buy", args=[doc.pk]), form)
    assert replay.status_code == 403  # the refunded purchase: no link
    assert ledger.balance_of(buyer) == 100
    api = client.get(reverse("api:document_download", args=[doc.pk]))
    assert api.status_code == 403
    again = client.post(reverse("wallet:buy", args=[doc.pk]), shown_form(client, doc))
    assert again.status_code == 200 and ledger.balance_of(buyer) == 90
    assert Purchase.objects.filter(refunded_at=None).count() == 1
    assert Purchase.objects.count() == 2 and ledger.audit().ok
