"""Buying documents: splits, refusals, idempotency, prices; the web box and the JSON API."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from wenku.library import access
from wenku.library.models import Document
from wenku.publishing.forms import EditForm
from wenku.wallet import errors, ledger, reports, services
from wenku.wallet.models import Account, Entry, LedgerTransaction, Purchase

pytestmark = pytest.mark.django_db


def moved() -> int:
    """Ledger rows other than the test's own funding grants."""
    return Entry.objects.exclude(transaction__reason=LedgerTransaction.Reason.GRANT).count()


def api_buy(client, doc, key: str | None = None, **body):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    body.setdefault("expected_price", doc.price)  # the price the client was shown
    url = reverse("api:document_purchase", args=[doc.pk])
    response = client.post(url, json.dumps(body), content_type="application/json", **headers)
    return response, response.json()


def test_purchase_with_commission_splits_exactly(settings, make_doc, author, buyer, fund):
    settings.WENKU_COMMISSION_PERCENT = 10
    fund(buyer, 100)
    doc = make_doc(price=15)
    result = services.purchase_document(buyer, doc.pk)
    assert result.created
    assert (result.purchase.commission, result.purchase.author_share) == (1, 14)
    assert ledger.balance_of(buyer) == 85
    assert ledger.balance_of(author) == 14
    assert reports.platform_balances()[Account.COMMISSION] == 1
    legs = sorted(result.purchase.transaction.entries.values_list("amount", flat=True))
    assert legs == [-15, 1, 14] and sum(legs) == 0
    assert ledger.audit().ok
    assert access.readable_pages(buyer, doc) == 10


@pytest.mark.parametrize(
    ("percent", "price", "commission"), [(0, 7, 0), (10, 10, 1), (10, 9, 0), (33, 100, 33)]
)
def test_split_rounds_for_the_author(settings, percent, price, commission):
    settings.WENKU_COMMISSION_PERCENT = percent
    assert services.split_price(price) == (commission, price - commission)


def test_insufficient_balance_is_refused_with_a_top_up_link(client, make_doc, buyer, fund):
    fund(buyer, 3)
    doc = make_doc(price=10)
    client.force_login(buyer)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("wallet:topup") in page  # the box offers a top-up before the click
    response = client.post(
        reverse("wallet:buy", args=[doc.pk]), {"idempotency_key": "k1", "expected_price": "10"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#download")
    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown and "10" in shown[0] and "3" in shown[0]
    response, data = api_buy(client, doc, "k2")
    assert response.status_code == 402 and data["error"] == "insufficient_balance"
    assert data["detail"] and data["price"] == 10 and data["balance"] == 3
    assert ledger.balance_of(buyer) == 3 and not Purchase.objects.exists() and moved() == 0


def test_double_click_same_key_charges_once(client, make_doc, author, buyer, fund):
    fund(buyer, 50)
    doc = make_doc(price=10)
    client.force_login(buyer)
    url = reverse("wallet:buy", args=[doc.pk])
    first = client.post(url, {"idempotency_key": "same-key", "expected_price": "10"})
    second = client.post(url, {"idempotency_key": "same-key", "expected_price": "10"})
    assert first.status_code == second.status_code == 200  # both start the download
    assert reverse("wallet:file", args=["x"]).rsplit("x", 1)[0] in second.content.decode()
    assert ledger.balance_of(buyer) == 40 and ledger.balance_of(author) == 10
    assert Purchase.objects.count() == 1


def test_api_idempotency_and_already_bought(client, make_doc, buyer, fund):
    fund(buyer, 50)
    doc = make_doc(price=10)
    client.force_login(buyer)
    r1, d1 = api_buy(client, doc, "key-1")
    r2, d2 = api_buy(client, doc, "key-1")
    assert (r1.status_code, r2.status_code) == (201, 200)
    assert d1["status"] == "created" and d2["status"] == "replayed"
    assert d1["purchase"]["id"] == d2["purchase"]["id"] and d2["balance"] == 40
    r3, d3 = api_buy(client, doc, "key-2")  # another tab, another key: still one purchase
    assert r3.status_code == 409 and d3["error"] == "already_purchased"
    r4, d4 = api_buy(client, doc, idempotency_key="key-3")  # the key as a body field
    assert r4.status_code == 409
    other_doc = make_doc(price=5)
    r5, d5 = api_buy(client, other_doc, "key-1")  # a key is for one document only
    assert r5.status_code == 409 and d5["error"] == "idempotency_key_reused"
    assert ledger.balance_of(buyer) == 40 and Purchase.objects.count() == 1


def test_refusals_move_nothing(client, make_doc, author, buyer, staff, fund):
    fund(buyer, 100)
    fund(author, 100)
    own = make_doc(price=10)
    hidden = make_doc(price=10, visibility=Document.Visibility.HIDDEN)
    held = make_doc(price=10, visibility=Document.Visibility.HELD)
    failed = make_doc(price=10, status=Document.Status.FAILED)
    before = moved()
    cases = [
        (author, own, 403, "own_document"),
        (staff, own, 403, "no_purchase_needed"),
        (buyer, hidden, 404, "not_found"),
        (buyer, held, 404, "not_found"),
        (buyer, failed, 404, "not_found"),
    ]
    for user, doc, status, code in cases:
        client.force_login(user)
        response, data = api_buy(client, doc, f"k-{user.pk}-{doc.pk}")
        assert (response.status_code, data["error"]) == (status, code), (user, doc)
        assert data["detail"]
    client.force_login(buyer)
    missing = client.post(
        reverse("api:document_purchase", args=[999999]),
        {"expected_price": 10},
        content_type="application/json",
    )
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert moved() == before and not Purchase.objects.exists()
    assert ledger.balance_of(author) == 100 and ledger.balance_of(buyer) == 100


def test_price_changed_since_the_page_was_shown(client, make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    Document.objects.filter(pk=doc.pk).update(price=30)
    client.force_login(buyer)
    response, data = api_buy(client, doc, "k", expected_price=10)
    assert response.status_code == 409 and data["error"] == "price_changed" and data["price"] == 30
    assert ledger.balance_of(buyer) == 100


def test_api_needs_login_and_csrf(make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    anon = Client()
    response = anon.post(reverse("api:document_purchase", args=[doc.pk]))
    assert response.status_code == 401 and response.json()["error"] == "login_required"
    assert anon.get(reverse("api:me_balance")).status_code == 401
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(buyer)
    response = strict.post(reverse("api:document_purchase", args=[doc.pk]))
    assert response.status_code == 403 and response.json()["error"] == "csrf_failed"
    assert ledger.balance_of(buyer) == 100
    strict.get(reverse("wallet:home"))  # sets the CSRF cookie
    token = strict.cookies["csrftoken"].value
    response = strict.post(
        reverse("api:document_purchase", args=[doc.pk]),
        {"expected_price": "10"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201
    assert strict.get(reverse("api:me_balance")).json()["balance"] == 90


def test_bad_idempotency_key_is_refused(client, make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(price=10)
    client.force_login(buyer)
    response, data = api_buy(client, doc, idempotency_key="k" * 101)
    assert response.status_code == 400 and data["error"] == "invalid"
    response, data = api_buy(client, doc, expected_price="1.5")
    assert response.status_code == 400
    bad_json = client.post(
        reverse("api:document_purchase", args=[doc.pk]), "{", content_type="application/json"
    )
    assert bad_json.status_code == 400
    assert ledger.balance_of(buyer) == 100


def test_free_document_is_taken_free_and_counted(client, make_doc, buyer):
    doc = make_doc(price=0)
    client.force_login(buyer)
    response = client.post(
        reverse("wallet:buy", args=[doc.pk]), {"idempotency_key": "f", "expected_price": "0"}
    )
    assert response.status_code == 200
    purchase = Purchase.objects.get()
    assert purchase.price == 0 and purchase.transaction is None
    link = response.context["link"].url
    assert client.get(link).status_code == 200
    doc.refresh_from_db()
    assert doc.downloads == 1 and LedgerTransaction.objects.count() == 0


@pytest.mark.parametrize("bad", ["-5", "1.5", "10.0", "1e3", "abc", "1001", "99999999999999"])
def test_bad_prices_are_rejected_by_the_form(bad):
    form = EditForm({"title": "标题", "price": bad})
    assert not form.is_valid()
    assert "price" in form.errors and "1000" in form.errors["price"][0]


@pytest.mark.parametrize(("raw", "value"), [("", 0), ("0", 0), (" 25 ", 25), ("１０", 10)])
def test_good_prices_are_accepted(raw, value):
    form = EditForm({"title": "标题", "price": raw})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["price"] == value


def test_price_limit_follows_the_setting(settings):
    settings.WENKU_PRICE_MAX = 50
    assert not EditForm({"title": "t", "price": "51"}).is_valid()
    assert EditForm({"title": "t", "price": "50"}).is_valid()


def test_author_sets_the_price_in_the_edit_form(client, make_doc, author):
    doc = make_doc(price=0)
    client.force_login(author)
    url = reverse("web:document_edit", args=[doc.pk])
    assert 'name="price"' in client.get(url).content.decode()
    response = client.post(url, {"title": doc.title, "price": "-3"})
    assert response.status_code == 200
    doc.refresh_from_db()
    assert doc.price == 0
    client.post(url, {"title": doc.title, "price": "12"})
    doc.refresh_from_db()
    assert doc.price == 12


def test_wallet_pages(client, settings, make_doc, author, buyer, staff, fund, other):
    settings.WENKU_COMMISSION_PERCENT = 10
    fund(buyer, 100)
    doc = make_doc(title="小学语文教案", price=20)
    services.purchase_document(buyer, doc.pk)
    client.force_login(buyer)
    home = client.get(reverse("wallet:home")).content.decode()
    assert 'id="balance">80<' in home and "小学语文教案" in home
    purchases = client.get(reverse("wallet:purchases")).content.decode()
    assert "小学语文教案" in purchases and reverse("wallet:download", args=[doc.pk]) in purchases
    header = client.get("/").content.decode()
    assert reverse("wallet:home") in header and "<strong>80</strong>" in header
    client.force_login(author)
    earnings = client.get(reverse("wallet:earnings"))
    assert earnings.context["earnings"].total_revenue == 18
    assert earnings.context["earnings"].by_document[0]["sales"] == 1
    assert earnings.context["earnings"].by_day[0]["revenue"] == 18
    assert client.get(reverse("wallet:staff_ledger")).status_code == 403
    client.force_login(staff)
    ledger_page = client.get(reverse("wallet:staff_ledger"), {"reason": "purchase"})
    assert ledger_page.status_code == 200
    assert 'id="ledger-sum">0<' in ledger_page.content.decode()
    assert len(ledger_page.context["transactions"]) == 1
    staff.is_superuser = True
    staff.save()
    for model in ("ledgertransaction", "account", "purchase", "topuporder", "downloadfailure"):
        assert client.get(reverse(f"admin:wallet_{model}_changelist")).status_code == 200
    txn = LedgerTransaction.objects.filter(reason="purchase").get()
    assert (
        client.get(reverse("admin:wallet_ledgertransaction_change", args=[txn.pk])).status_code
        == 200
    )


def test_wallet_check_command(make_doc, buyer, fund):
    from django.core.management import CommandError, call_command

    fund(buyer, 30)
    services.purchase_document(buyer, make_doc(price=10).pk)
    call_command("wallet_check")
    Account.objects.filter(user=buyer).update(balance=25)  # a cache that lies
    with pytest.raises(CommandError):
        call_command("wallet_check")


def test_wallet_check_exits_non_zero_from_the_command_line(make_doc, buyer, fund):
    from wenku.wallet.ledger import audit

    fund(buyer, 30)
    assert audit().ok
    Entry.objects.filter(account__user=buyer).update(amount=31)  # an unbalanced transaction
    report = audit()
    assert not report.ok and any("sums to" in p for p in report.problems)


def test_errors_have_codes_and_statuses():
    for cls in errors.WalletError.__subclasses__():
        error = cls()
        assert error.code != "error" and 400 <= error.status < 600 and error.detail


def test_first_purchase_creates_missing_accounts(make_doc, buyer, author, fund):
    """Members from before the wallet have no account: the purchase makes them, then buys."""
    doc = make_doc(price=0)
    Account.objects.filter(user__in=[buyer, author]).delete()
    result = services.purchase_document(buyer, doc.pk)
    assert result.created
    assert Account.objects.filter(user__in=[buyer, author]).count() == 2
    fund(buyer, 20)
    Account.objects.filter(user=author).delete()
    assert services.purchase_document(buyer, make_doc(price=5).pk).created
    assert ledger.balance_of(author) == 5 and ledger.audit().ok


def test_author_sets_the_price_when_uploading(client, author):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(author)
    text = ("职业教育是国民教育体系的重要组成部分。\n" * 40).encode()
    upload = SimpleUploadedFile("教案.txt", text, content_type="text/plain")
    response = client.post(reverse("web:upload"), {"files": [upload], "price": "7"})
    assert response.status_code == 302, response.content[:500]
    assert Document.objects.get(owner=author).price == 7
    bad = SimpleUploadedFile("教案2.txt", text, content_type="text/plain")
    response = client.post(reverse("web:upload"), {"files": [bad], "price": "7.5"})
    assert response.status_code == 200 and "price" in response.context["form"].errors
    assert Document.objects.filter(owner=author).count() == 1
