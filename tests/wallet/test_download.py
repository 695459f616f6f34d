"""Signed download URLs: expiry, binding to the buyer, single use, forgery, file name, limits,
and the automatic refund when the file cannot be delivered."""

from __future__ import annotations

import time
from unittest import mock
from urllib.parse import unquote

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from tests.wallet.conftest import original_bytes
from wenku.library.models import Document
from wenku.wallet import ledger, services
from wenku.wallet.models import DownloadFailure, LedgerTransaction

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def bought(make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(title="高等数学：期末复习/提纲", price=10)
    services.purchase_document(buyer, doc.pk)
    return doc


def link_for(client, doc) -> tuple[str, str]:
    data = client.get(reverse("api:document_download", args=[doc.pk])).json()
    return data["url"].replace("http://testserver", ""), data["expires_at"]


def test_buyer_downloads_the_original_with_its_title(client, bought, buyer):
    client.force_login(buyer)
    url, expires = link_for(client, bought)
    response = client.get(url)
    assert response.status_code == 200
    assert body(response) == original_bytes(bought.pk)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    real = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(real) == "高等数学：期末复习 提纲.pdf"  # the slash cannot reach a path
    assert f'filename="document-{bought.pk}.pdf"' in disposition  # ASCII fallback
    assert "stored-name" not in disposition and "upload" not in disposition
    assert response["Cache-Control"] == "private, no-store"
    bought.refresh_from_db()
    assert bought.downloads == 1


def test_url_expires(client, bought, buyer):
    client.force_login(buyer)
    url, expires = link_for(client, bought)
    later = time.time() + 61
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(url)
    assert response.status_code == 410 and response.context["error"].code == "link_expired"
    assert client.get(url).status_code == 200  # not used by the refusal; still valid now


def test_expires_at_matches_the_setting(client, settings, bought, buyer):
    import datetime as dt

    settings.WENKU_DOWNLOAD_URL_SECONDS = 60
    client.force_login(buyer)
    _, expires = link_for(client, bought)
    left = dt.datetime.fromisoformat(expires).timestamp() - time.time()
    assert 55 <= left <= 61


def test_url_is_bound_to_the_buyer(client, bought, buyer, other, fund):
    client.force_login(buyer)
    url, _ = link_for(client, bought)
    stranger = Client()
    stranger.force_login(other)
    response = stranger.get(url)
    assert response.status_code == 403 and response.context["error"].code == "link_not_yours"
    assert original_bytes(bought.pk) not in body(response)
    anonymous = Client().get(url)
    assert anonymous.status_code == 403
    # Even a member who bought it too cannot use someone else's link.
    fund(other, 50)
    services.purchase_document(other, bought.pk)
    assert stranger.get(url).status_code == 403
    assert client.get(url).status_code == 200  # the refusals did not use it up


def test_url_is_single_use_and_unforgeable(client, bought, buyer, make_doc):
    client.force_login(buyer)
    url, _ = link_for(client, bought)
    assert client.get(url).status_code == 200
    replay = client.get(url)
    assert replay.status_code == 410 and replay.context["error"].code == "link_used"
    url2, _ = link_for(client, bought)
    token = url2.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse("wallet:file", args=[forged]))
    assert response.status_code == 403 and response.context["error"].code == "invalid_link"
    # Pointing a valid signature at another document breaks it.
    other_doc = make_doc(price=10)
    swapped = token.replace(str(bought.pk), str(other_doc.pk), 1)
    assert client.get(reverse("wallet:file", args=[swapped])).status_code == 403
    assert client.get(reverse("wallet:file", args=["garbage"])).status_code == 403


def test_non_buyers_get_no_url(client, make_doc, other):
    doc = make_doc(price=10)
    url = reverse("api:document_download", args=[doc.pk])
    response = Client().get(url)
    assert response.status_code == 401 and response.json()["error"] == "login_required"
    client.force_login(other)
    response = client.get(url)
    assert response.status_code == 403 and response.json()["error"] == "not_purchased"
    assert "url" not in response.json()
    assert client.get(reverse("api:document_download", args=[987654])).status_code == 404


def test_owner_and_staff_download_free(client, make_doc, author, staff):
    doc = make_doc(price=10)
    for user in (author, staff):
        client.force_login(user)
        url, _ = link_for(client, doc)
        assert body(client.get(url)) == original_bytes(doc.pk)
    doc.refresh_from_db()
    assert doc.downloads == 0  # managers' downloads are not counted
    assert LedgerTransaction.objects.filter(reason="purchase").count() == 0


def test_takedown_after_purchase_stops_downloads(client, bought, buyer):
    client.force_login(buyer)
    url, _ = link_for(client, bought)
    Document.objects.filter(pk=bought.pk).update(visibility=Document.Visibility.HIDDEN)
    assert client.get(url).status_code == 404
    assert client.get(reverse("api:document_download", args=[bought.pk])).status_code == 404


def test_missing_file_refunds_once_and_is_recorded(client, bought, buyer, author):
    client.force_login(buyer)
    default_storage.delete(bought.original.name)
    assert ledger.balance_of(buyer) == 90
    url, _ = link_for(client, bought)
    response = client.get(url)
    assert response.status_code == 503
    assert response.context["error"].code == "delivery_failed"
    assert response.context["error"].extra["refunded"] is True
    assert ledger.balance_of(buyer) == 100
    assert ledger.balance_of(author) == 10  # the author keeps the sale: the site pays
    failure = DownloadFailure.objects.get()
    assert failure.refund is not None and failure.document_id == bought.pk
    assert "stored" not in failure.error.lower() or failure.stored_name
    # The refund ended the purchase: no new link, nothing beyond the preview.
    response = client.get(reverse("api:document_download", args=[bought.pk]))
    assert response.status_code == 403 and response.json()["error"] == "not_purchased"
    assert client.get(url).status_code in (403, 410)
    # Buying again is a new charge; its failed delivery refunds that one, once.
    services.purchase_document(buyer, bought.pk)
    assert ledger.balance_of(buyer) == 90
    url2, _ = link_for(client, bought)
    assert client.get(url2).status_code == 503
    assert ledger.balance_of(buyer) == 100
    assert DownloadFailure.objects.count() == 2
    assert LedgerTransaction.objects.filter(reason="refund").count() == 2
    assert ledger.audit().ok
    bought.refresh_from_db()
    assert bought.downloads == 0


def test_storage_error_refunds(client, bought, buyer):
    client.force_login(buyer)
    url, _ = link_for(client, bought)
    with mock.patch.object(default_storage, "open", side_effect=OSError("disk on fire")):
        response = client.get(url)
    assert response.status_code == 503
    assert ledger.balance_of(buyer) == 100
    assert "disk on fire" in DownloadFailure.objects.get().error


def test_daily_limits(client, settings, make_doc, buyer, fund):
    settings.WENKU_DOWNLOADS_PER_DAY = 2
    fund(buyer, 100)
    docs = [make_doc(price=1) for _ in range(3)]
    client.force_login(buyer)
    for doc in docs[:2]:
        services.purchase_document(buyer, doc.pk)
        url, _ = link_for(client, doc)
        assert client.get(url).status_code == 200
    services.purchase_document(buyer, docs[2].pk)
    response = client.get(reverse("api:document_download", args=[docs[2].pk]))
    assert response.status_code == 429 and response.json()["error"] == "download_limit"


def test_ip_limit(client, settings, make_doc, buyer, other, fund):
    settings.WENKU_DOWNLOADS_PER_IP_PER_DAY = 1
    doc = make_doc(price=0)
    for user in (buyer, other):
        services.purchase_document(user, doc.pk)
    client.force_login(buyer)
    url, _ = link_for(client, doc)
    assert client.get(url).status_code == 200
    client.force_login(other)  # another member on the same address
    response = client.get(reverse("api:document_download", args=[doc.pk]))
    assert response.status_code == 429


def test_web_buy_box_and_download_again(client, make_doc, buyer, fund):
    fund(buyer, 30)
    doc = make_doc(price=10)
    client.force_login(buyer)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("wallet:buy", args=[doc.pk]) in page and 'name="idempotency_key"' in page
    start = client.post(
        reverse("wallet:buy", args=[doc.pk]), {"idempotency_key": "a", "expected_price": "10"}
    )
    file_url = start.context["link"].url
    assert f'http-equiv="refresh" content="0;url={file_url}"' in start.content.decode()
    assert client.get(file_url).status_code == 200
    page = client.get(doc.get_absolute_url()).content.decode()
    assert reverse("wallet:buy", args=[doc.pk]) not in page
    assert reverse("wallet:download", args=[doc.pk]) in page
    again = client.post(reverse("wallet:download", args=[doc.pk]))
    assert client.get(again.context["link"].url).status_code == 200
    assert ledger.balance_of(buyer) == 20  # downloading again is free


def test_the_buy_box_speaks_chinese(client, make_doc, buyer, fund):
    fund(buyer, 5)
    doc = make_doc(price=10)
    client.force_login(buyer)
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "支付 10 积分并下载" in page and "您的余额不足以购买该文档" in page
