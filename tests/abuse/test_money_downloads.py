"""The attacker who wants the original for free: conditional and partial requests, HEAD,
replays, other members' links, a complaint without a failure, a cross-site download link.

Each test is the attacker's HTTP requests against the real views; each asserts that no
point moved and nothing beyond the preview reached them."""

from __future__ import annotations

import json
import os

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.abuse.money_fixtures import *  # noqa: F403 - the wallet fixtures
from tests.abuse.money_fixtures import (  # noqa: F401
    _wallet_settings,
    beyond_preview_leaks,
    body,
    moved,
    original_bytes,
)
from wenku.wallet import ledger, services
from wenku.wallet.models import Download, DownloadFailure, LedgerTransaction, Purchase

pytestmark = pytest.mark.django_db

HOSTILE_HEADERS = [
    {"HTTP_IF_MATCH": '"x"'},
    {"HTTP_IF_MATCH": "*"},
    {"HTTP_IF_NONE_MATCH": "*"},
    {"HTTP_IF_NONE_MATCH": '"x", W/"y"'},
    {"HTTP_IF_MODIFIED_SINCE": "Fri, 01 Jan 2100 00:00:00 GMT"},
    {"HTTP_IF_UNMODIFIED_SINCE": "Thu, 01 Jan 1970 00:00:00 GMT"},
    {"HTTP_IF_RANGE": '"x"', "HTTP_RANGE": "bytes=0-10"},
    {"HTTP_RANGE": "bytes=0-10"},
    {"HTTP_RANGE": "bytes=-1"},
    {"HTTP_RANGE": "bytes=999999-"},
]


@pytest.fixture
def bought(make_doc, buyer, fund):
    fund(buyer, 100)
    doc = make_doc(title="期末复习提纲", price=10)
    services.purchase_document(buyer, doc.pk, expected_price=10)
    return doc


def link(client, doc) -> str:
    response = client.get(reverse("api:document_download", args=[doc.pk]))
    assert response.status_code == 200, response.content
    return response.json()["url"].replace("http://testserver", "")


def refunds() -> int:
    return LedgerTransaction.objects.filter(reason=LedgerTransaction.Reason.REFUND).count()


@pytest.mark.parametrize("headers", HOSTILE_HEADERS, ids=lambda h: ",".join(h))
def test_conditional_and_range_headers_get_the_whole_file_and_no_refund(
    client, bought, buyer, headers
):
    client.force_login(buyer)
    response = client.get(link(client, bought), **headers)
    assert response.status_code == 200  # never 304, 412, 206 or 416
    assert body(response) == original_bytes(bought.pk)  # whole, not a range
    assert "ETag" not in response and "Content-Range" not in response
    assert ledger.balance_of(buyer) == 90 and refunds() == 0
    assert not DownloadFailure.objects.exists()
    assert Purchase.objects.get(buyer=buyer).refunded_at is None


def test_head_on_a_link_neither_uses_it_nor_refunds(client, bought, buyer):
    client.force_login(buyer)
    url = link(client, bought)
    assert client.head(url).status_code == 405
    assert refunds() == 0 and not Download.objects.exists()
    assert body(client.get(url)) == original_bytes(bought.pk)


def test_replayed_link_sends_nothing_and_moves_nothing(client, bought, buyer):
    client.force_login(buyer)
    url = link(client, bought)
    assert client.get(url).status_code == 200
    before = moved()
    for headers in ({}, {"HTTP_IF_MATCH": '"x"'}, {"HTTP_RANGE": "bytes=0-1"}):
        replay = client.get(url, **headers)
        assert replay.status_code == 410
        assert original_bytes(bought.pk) not in body(replay)
    assert moved() == before and ledger.balance_of(buyer) == 90


def test_a_real_storage_failure_refunds_once_and_ends_access(client, bought, buyer, author):
    """The only refund: the server itself could not read the stored file (deleted for
    real). The refund ends the purchase: the buyer no longer reads beyond the preview."""
    client.force_login(buyer)
    assert beyond_preview_leaks(client, bought)  # bought: every page readable
    url = link(client, bought)
    os.remove(default_storage.path(bought.original.name))
    response = client.get(url)
    assert response.status_code == 503 and response.context["error"].extra["refunded"]
    assert ledger.balance_of(buyer) == 100 and ledger.balance_of(author) == 10
    assert refunds() == 1
    assert beyond_preview_leaks(client, bought) == []
    api = APIClient()
    api.force_authenticate(buyer)
    assert api.get(reverse("api:document_page", args=[bought.pk, 6])).status_code in (403, 404)
    assert ledger.audit().ok


def test_unreadable_file_refunds(client, bought, buyer):
    if os.geteuid() == 0:  # root reads any file: make the path a directory instead
        path = default_storage.path(bought.original.name)
        os.remove(path)
        os.mkdir(path)
    else:
        os.chmod(default_storage.path(bought.original.name), 0)
    client.force_login(buyer)
    response = client.get(link(client, bought))
    assert response.status_code == 503
    assert ledger.balance_of(buyer) == 100 and refunds() == 1
    assert DownloadFailure.objects.get().refund is not None


def test_download_complaint_without_a_failure_refunds_nothing(client, bought, buyer):
    client.force_login(buyer)
    assert client.get(link(client, bought)).status_code == 200  # delivered
    complaint = client.post(
        reverse("api:complaints"),
        json.dumps({"kind": "download", "document": bought.pk, "details": "打不开"}),
        content_type="application/json",
    )
    assert complaint.status_code == 201 and complaint.json()["status"] == "open"
    # Even with no delivery at all (a used link that sent nothing), asking is not proof.
    Download.objects.update(ok=False)
    again = client.post(
        reverse("moderation:file", args=["download"]),
        {"kind": "download", "document": bought.pk, "details": "没下载到"},
    )
    assert again.status_code in (200, 302)  # the same open case
    assert ledger.balance_of(buyer) == 90 and refunds() == 0
    assert len(beyond_preview_leaks(client, bought)) > 0  # still a buyer: nothing was undone


def test_complaint_after_the_refund_gets_nothing_more(client, bought, buyer):
    client.force_login(buyer)
    url = link(client, bought)
    os.remove(default_storage.path(bought.original.name))
    assert client.get(url).status_code == 503
    complaint = client.post(
        reverse("api:complaints"),
        json.dumps({"kind": "download", "document": bought.pk}),
        content_type="application/json",
    )
    assert complaint.status_code == 409 and complaint.json()["error"] == "already_refunded"
    assert ledger.balance_of(buyer) == 100 and refunds() == 1


def test_token_client_downloads_with_its_own_link_and_nobody_else_can(bought, buyer, other):
    token = Token.objects.create(user=buyer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = api.get(reverse("api:document_download", args=[bought.pk])).json()["url"]
    url = url.replace("http://testserver", "")
    # Another member (by token or by session) and an anonymous caller cannot use it.
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=other).key}")
    refused = stranger.get(url)
    assert refused.status_code == 403 and refused.json()["error"] == "link_not_yours"
    assert original_bytes(bought.pk) not in body(refused)
    session = Client()
    session.force_login(other)
    assert session.get(url).status_code == 403
    assert Client().get(url).status_code == 403
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    assert forged.get(url).status_code == 403
    # The member it was made for, by token: the whole file.
    response = api.get(url)
    assert response.status_code == 200 and body(response) == original_bytes(bought.pk)
    assert ledger.balance_of(buyer) == 90 and refunds() == 0


def test_a_cross_site_get_cannot_start_a_download(client, bought, buyer, settings):
    settings.WENKU_DOWNLOADS_PER_DAY = 1
    client.force_login(buyer)
    url = reverse("wallet:download", args=[bought.pk])
    for method in (client.get, client.head):
        assert method(url).status_code == 405
    assert not Download.objects.exists()
    # A cross-site form post carries no CSRF token: refused, nothing used up.
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(buyer)
    assert strict.post(url).status_code == 403
    assert not Download.objects.exists()
    # The member's own click still works (the quota was not burned).
    start = client.post(url)
    assert start.status_code == 200
    assert client.get(start.context["link"].url).status_code == 200


def test_other_wallet_state_changes_refuse_get(client, bought, buyer):
    client.force_login(buyer)
    for name, args in (("wallet:buy", [bought.pk]), ("wallet:signin", [])):
        assert client.get(reverse(name, args=args)).status_code == 405
    assert client.get(reverse("api:document_purchase", args=[bought.pk])).status_code == 405
    assert ledger.balance_of(buyer) == 90 and Purchase.objects.count() == 1


def test_access_follows_each_purchase_and_refund_on_the_next_request(
    client, make_doc, buyer, fund, make_user
):
    """Who owns what is kept in each process's memory (wallet.owned): each step below is
    asked twice before the next (so the kept copy is used), and each change shows at once."""
    fund(buyer, 100)
    doc = make_doc(title="期中考试复习资料", price=10)
    client.force_login(buyer)
    for _ in range(2):
        assert beyond_preview_leaks(client, doc) == []
    purchase = services.purchase_document(buyer, doc.pk, expected_price=10).purchase
    for _ in range(2):
        assert beyond_preview_leaks(client, doc)  # bought: every page readable at once
    services.refund_purchase(purchase)
    for _ in range(2):
        assert beyond_preview_leaks(client, doc) == []  # refunded: the preview only
    services.purchase_document(buyer, doc.pk, expected_price=10)
    assert beyond_preview_leaks(client, doc)
    # A second account never reads through the buyer's purchase.
    other = Client()
    other.force_login(make_user("second"))
    assert beyond_preview_leaks(other, doc) == []
