"""The reader's text layer, search and reading position, as each visitor sees them: the layer
and its endpoints never carry (or reveal by a match) text of pages the reader may not read;
the anonymous page carries no member data; copying switched off is a page state, not a
secret."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.wallet.conftest import beyond_marker
from wenku.library.models import Document, ReadingPosition
from wenku.wallet import services

pytestmark = pytest.mark.django_db
PAGES, FREE = 10, 5


@pytest.fixture
def doc(make_doc):
    return make_doc(pages=PAGES, price=10)


@pytest.fixture
def buyer_client(doc, buyer, fund):
    fund(buyer, 100)
    services.purchase_document(buyer, doc.pk)
    client = Client()
    client.force_login(buyer)
    return client


def member(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def layer_url(doc, number: int) -> str:
    return reverse("web:text_layer", args=[doc.pk, number])


def find(client, doc, q: str) -> dict:
    return client.get(reverse("web:find_in_document", args=[doc.pk]), {"q": q}).json()


def test_preview_layers_are_in_the_html_and_nothing_further(doc, other):
    for client in (Client(), member(other)):
        html = client.get(doc.get_absolute_url()).content.decode()
        assert html.count('class="text-layer"') == FREE
        for number in range(1, FREE + 1):
            assert f"第{number}页正文：职业技术教育第{number}段内容。</span>" in html
        assert "付费正文" not in html
        for number in range(FREE + 1, PAGES + 1):
            assert client.get(layer_url(doc, number)).status_code == 404
        assert client.get(layer_url(doc, 0)).status_code == 404
        assert client.get(layer_url(doc, PAGES + 1)).status_code == 404
        page3 = client.get(layer_url(doc, 3))
        assert page3.status_code == 200 and "第3页正文" in page3.json()["spans"][0]["text"]


def test_search_only_reports_readable_pages(doc, other, buyer_client):
    # A match on a paid page is a fact about its text: not even its page number is told.
    for client in (Client(), member(other)):
        assert find(client, doc, beyond_marker(8)) == {
            "query": beyond_marker(8),
            "pages": [],
            "total": 0,
        }
        assert [p["number"] for p in find(client, doc, "正文")["pages"]] == [1, 2, 3, 4, 5]
    assert find(buyer_client, doc, beyond_marker(8))["pages"] == [{"number": 8, "count": 1}]
    # Blanks are ignored on both sides, case folded; an empty query finds nothing.
    assert find(Client(), doc, "第 3 页")["pages"] == [{"number": 3, "count": 1}]
    assert find(Client(), doc, "   ")["pages"] == []


def test_buyer_loads_every_layer(doc, buyer_client):
    for number in range(1, PAGES + 1):
        data = buyer_client.get(layer_url(doc, number)).json()
        assert data["number"] == number and f"第{number}页正文" in data["spans"][0]["text"]
    assert buyer_client.get(layer_url(doc, FREE + 1))["Cache-Control"] == "private, no-store"
    assert "public" in Client().get(layer_url(doc, 1))["Cache-Control"]


@pytest.mark.parametrize("visibility", [Document.Visibility.HIDDEN, Document.Visibility.HELD])
def test_unlisted_document_has_no_layer_search_or_position(doc, other, visibility):
    Document.objects.filter(pk=doc.pk).update(visibility=visibility)
    for client in (Client(), member(other)):
        assert client.get(layer_url(doc, 1)).status_code == 404
        assert (
            client.get(reverse("web:find_in_document", args=[doc.pk]), {"q": "正文"}).status_code
            == 404
        )
        assert client.get(reverse("web:reading_position", args=[doc.pk])).status_code == 404


def reader_part(html: str) -> str:
    start = html.index('<div class="reader">')
    return html[start : html.index("</section>", start)]


def test_anonymous_page_has_no_member_data(doc, other):
    html = Client().get(doc.get_absolute_url()).content.decode()
    assert "data-position-url" not in html and "data-csrf" not in html
    # The reader is the same for every visitor (a shared page cache may keep the page).
    again = Client().get(doc.get_absolute_url()).content.decode()
    assert reader_part(html) == reader_part(again) and 'class="text-layer"' in reader_part(html)
    mine = member(other).get(doc.get_absolute_url()).content.decode()
    assert "data-position-url" in mine and "data-csrf" in mine


GET = object()


def position(client, doc, page=GET):
    url = reverse("web:reading_position", args=[doc.pk])
    if page is GET:
        return client.get(url)
    return client.post(url, json.dumps({"page": page}), content_type="application/json")


def test_reading_position_is_kept_per_member_within_readable_pages(doc, other, buyer, buyer_client):
    assert position(buyer_client, doc).json() == {"page": None}
    assert position(buyer_client, doc, 9).json() == {"page": 9}
    assert position(buyer_client, doc).json() == {"page": 9}
    # Another member cannot store a page past the preview (kept to the last page they read),
    # and does not see the buyer's position.
    stranger = member(other)
    assert position(stranger, doc).json() == {"page": None}
    assert position(stranger, doc, 9).json() == {"page": FREE}
    assert position(buyer_client, doc).json() == {"page": 9}
    assert ReadingPosition.objects.filter(document=doc).count() == 2
    # Visitors have only their browser's storage; odd values are refused.
    assert position(Client(), doc, 3).status_code == 403
    assert position(Client(), doc).json() == {"page": None}
    for bad in ("x", None, [3]):
        assert position(buyer_client, doc, bad).status_code == 400
    url = reverse("web:reading_position", args=[doc.pk])
    assert buyer_client.post(url, "not json", content_type="application/json").status_code == 400
    assert position(buyer_client, doc, -4).json() == {"page": 1}


def test_position_post_needs_csrf(doc, buyer, buyer_client):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    assert position(client, doc, 4).status_code == 403
    assert not ReadingPosition.objects.filter(user=buyer, document=doc).exists()


def test_copy_switched_off_keeps_the_layer_for_screen_readers(doc, author):
    client = member(author)
    edit = reverse("web:document_edit", args=[doc.pk])
    form = client.get(edit).content.decode()
    box = re.search(r'<input type="checkbox" name="allow_copy"[^>]*>', form)
    assert box and "checked" in box.group(0)
    data = {"title": doc.title, "description": "", "category": "", "tags": "", "price": "10"}
    assert client.post(edit, data).status_code == 302  # the box unticked: copying off
    doc.refresh_from_db()
    assert doc.allow_copy is False
    html = Client().get(doc.get_absolute_url()).content.decode()
    assert 'class="previews no-copy"' in html and "第1页正文" in html
    assert "不能防止" in html or "only discourages" in html
    assert Client().get(layer_url(doc, 1)).json()["copy"] is False
    # An API edit that does not mention it keeps it off; one that does switches it back.
    api = reverse("api:document", args=[doc.pk])
    client.patch(api, {"title": "新标题"}, content_type="application/json")
    doc.refresh_from_db()
    assert doc.allow_copy is False and doc.title == "新标题"
    client.patch(api, {"allow_copy": True}, content_type="application/json")
    doc.refresh_from_db()
    assert doc.allow_copy is True
    client.patch(api, {"allow_copy": False}, content_type="application/json")
    doc.refresh_from_db()
    assert doc.allow_copy is False
