"""A buyer reads every page on the document page; nobody else gets past the preview, and
nobody makes the web process render (the worker does, in bounded batches)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from wenku.conversion import pagerender
from wenku.library import storage_layout
from wenku.library.models import Page
from wenku.publishing.tasks import render_pages

pytestmark = pytest.mark.django_db
PAGES = 40


@pytest.fixture
def paid_doc(make_doc, tmp_path):
    doc = make_doc(pages=PAGES, rendered=5, price=10)
    pdf = pdfium.PdfDocument.new()
    for _ in range(PAGES):
        pdf.new_page(595, 842)
    path = tmp_path / "converted.pdf"
    pdf.save(str(path))
    default_storage.save(storage_layout.pdf_name(doc.pk), ContentFile(path.read_bytes()))
    cache.clear()
    return doc


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queued(doc) -> list[int]:
    return [n for n in range(1, PAGES + 1) if cache.get(pagerender._queued_key(doc, n))]


def rendered(doc) -> list[int]:
    return list(Page.objects.filter(document=doc, rendered=True).values_list("number", flat=True))


def test_buyer_page_queues_a_bounded_batch_that_fills_in(paid_doc, make_user, buy):
    buyer = make_user("buyer")
    buy(buyer, paid_doc)
    client = signed_in(buyer)
    page = client.get(paid_doc.get_absolute_url()).content.decode()
    assert page.count('class="page-missing"') == PAGES - 5
    assert '<noscript><meta http-equiv="refresh"' in page and "刷新</a>" in page
    assert "web/pages.js" in page
    # The web process rendered nothing; it queued the next batch only, not 35 pages.
    assert rendered(paid_doc) == [1, 2, 3, 4, 5]
    assert queued(paid_doc) == list(range(6, 6 + pagerender.BATCH))
    state = client.get(f"/d/{paid_doc.pk}/pages.json?from=6").json()
    assert state["missing"] == list(range(6, PAGES + 1)) and state["images"] == {}

    # The worker renders the batch (real PDFium, isolated), and the placeholders fill in.
    render_pages.apply(args=(paid_doc.pk, queued(paid_doc)))
    state = client.get(f"/d/{paid_doc.pk}/pages.json?from=6").json()
    assert sorted(map(int, state["images"])) == list(range(6, 12))
    image = client.get(state["images"]["11"]["src"])
    assert image.status_code == 200 and b"".join(image.streaming_content)[8:12] == b"WEBP"
    assert Client().get(state["images"]["11"]["src"]).status_code == 404
    assert signed_in(make_user("other")).get(state["images"]["11"]["src"]).status_code == 404
    # Reading on (near page 30) queues the batch there.
    client.get(f"/d/{paid_doc.pk}/pages.json?from=30&to=40")
    assert set(range(30, 36)) <= set(queued(paid_doc))


def test_no_one_else_can_see_or_queue_pages_beyond_the_preview(paid_doc, make_user):
    for client in (Client(), signed_in(make_user("prober2"))):
        state = client.get(f"/d/{paid_doc.pk}/pages.json?from=6&to=40").json()
        assert state == {"readable": 5, "missing": [], "images": state["images"]}
        assert all(int(n) <= 5 for n in state["images"])
        for number in (6, 20, 40):
            assert client.get(f"/d/{paid_doc.pk}/page/{number}-500.webp").status_code == 404
            api = client.get(f"/api/v1/documents/{paid_doc.pk}/pages/{number}/image")
            assert api.status_code in (401, 403, 404)
        page = client.get(paid_doc.get_absolute_url()).content.decode()
        assert "page-missing" not in page and "pages.js" not in page
    assert queued(paid_doc) == [] and rendered(paid_doc) == [1, 2, 3, 4, 5]


def test_image_url_of_an_unrendered_page_queues_it_and_says_retry(paid_doc, make_user, buy):
    buyer = make_user("buyer")
    buy(buyer, paid_doc)
    response = signed_in(buyer).get(f"/d/{paid_doc.pk}/page/20-500.webp")
    assert response.status_code == 404 and response["Retry-After"]
    assert 20 in queued(paid_doc) and len(queued(paid_doc)) <= pagerender.BATCH
    assert rendered(paid_doc) == [1, 2, 3, 4, 5]  # not rendered by the web process
