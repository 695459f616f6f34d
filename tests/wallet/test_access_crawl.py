"""DESIGN §3, crawled: every named URL pattern of the site and the API, filled with the ids and
numbers of a 10-page ready document whose free preview is 5 pages, fetched as an anonymous
visitor, as another member and as a buyer.

Non-buyers must never receive a page image beyond the preview, the text of pages 6-10 (each
carries a unique marker; in the page text and in the reader's text layer) or the original
file. The buyer receives every page image and the
original. Every response body is checked, whatever its status or content type.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from tests.wallet.conftest import beyond_marker, original_bytes, page_image
from wenku.library.models import Category, Document
from wenku.wallet import downloads, services, topup

pytestmark = pytest.mark.django_db

PAGES, FREE = 10, 5
MAX_COMBOS = 60


def _kwarg_names(pattern) -> list[str]:
    if hasattr(pattern, "converters") and pattern.converters:
        return list(pattern.converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def named_patterns(
    resolver: URLResolver | None = None, namespace: str = "", kwargs: tuple = ()
) -> Iterator[tuple[str, list[str]]]:
    """(namespace:name, every kwarg name on the way) for each named pattern, recursively."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = [*kwargs, *_kwarg_names(entry.pattern)]
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from named_patterns(entry, ns, tuple(names))
        elif isinstance(entry, URLPattern) and entry.name:
            full = f"{namespace}:{entry.name}" if namespace else entry.name
            yield full, names


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def world(settings, make_doc, author, buyer, other, fund):
    from wenku.search.services import sync_document

    settings.SITE_URL = "https://wenku.example"
    cache.clear()
    category = Category.objects.create(name="测试文档", slug="test-docs")
    doc = make_doc(title="职业教育交流材料", pages=PAGES, price=10)
    Document.objects.filter(pk=doc.pk).update(category=category)
    doc.refresh_from_db()
    assert doc.free_pages == FREE and doc.is_listed
    sync_document(doc)
    fund(buyer, 100)
    services.purchase_document(buyer, doc.pk)
    order = topup.create_order(buyer, 100, "sandbox")
    link = downloads.issue_link(buyer, doc)
    token = link.url.rstrip("/").rsplit("/", 1)[1]
    admin_apps = sorted({m._meta.app_label for m in admin.site._registry})
    candidates: dict[str, list] = {
        "pk": [doc.pk],
        "number": list(range(1, PAGES + 1)),
        "width": [500, 1000],
        "username": [author.username, buyer.username],
        "slug": [category.slug],
        "token": [token],
        "order_id": [order.pk],
        "gateway": ["sandbox"],
        "section": ["pages", "categories", "documents"],
        "object_id": [doc.pk],
        "id": [doc.pk],
        "app_label": admin_apps,
        "content_type_id": [ContentType.objects.get_for_model(Document).pk],
        "url": [""],
    }
    return {"doc": doc, "buyer": buyer, "other": other, "candidates": candidates}


QUERIES = {
    "search:results": "?q={marker}",
    "search:suggest": "?q={marker}",
    "api:search": "?q={marker}",
    "web:find_in_document": "?q={marker}",
}


def crawl_urls(candidates: dict[str, list], marker: str) -> tuple[list[str], list[str]]:
    urls: list[str] = []
    unfilled: list[str] = []
    for name, kwarg_names in named_patterns():
        pools = [candidates.get(k, ["1", 1]) for k in kwarg_names]
        made = False
        for combo in itertools.islice(itertools.product(*pools), MAX_COMBOS):
            try:
                url = reverse(name, kwargs=dict(zip(kwarg_names, combo, strict=True)))
            except NoReverseMatch:
                continue
            made = True
            urls.append(url + QUERIES.get(name, "").format(marker=marker))
        if not made:
            unfilled.append(name)
    return sorted(set(urls)), unfilled


def test_crawl_every_url(world):
    doc = world["doc"]
    # A query that matches the beyond-preview text without being a whole marker itself (the
    # page echoes the query back).
    urls, unfilled = crawl_urls(world["candidates"], "独有标记")
    ours = [n for n in unfilled if n.split(":")[0] in {"web", "wallet", "api", "search"}]
    assert not ours, f"patterns the crawl could not fill: {ours}"
    assert len(urls) > 60

    secret_images = {n: page_image(n) for n in range(FREE + 1, PAGES + 1)}
    secret_texts = [beyond_marker(n).encode() for n in range(FREE + 1, PAGES + 1)]
    original = original_bytes(doc.pk)

    visitors = {"anonymous": Client(), "other": Client(), "buyer": Client()}
    visitors["other"].force_login(world["other"])
    visitors["buyer"].force_login(world["buyer"])
    seen_images: dict[str, set[int]] = {who: set() for who in visitors}
    seen_original: dict[str, bool] = dict.fromkeys(visitors, False)
    for who in ("anonymous", "other", "buyer"):  # the buyer last: their link is single-use
        client = visitors[who]
        for url in urls:
            response = client.get(url)
            content = body(response)
            for number, image in secret_images.items():
                if content == image:
                    seen_images[who].add(number)
            if original in content:
                seen_original[who] = True
            if who != "buyer":
                leaked = [t.decode() for t in secret_texts if t in content]
                assert not leaked, f"{who} got page text {leaked} from {url}"
                assert original not in content, f"{who} got the original from {url}"
                assert response.status_code != 500, url
    assert seen_images["anonymous"] == seen_images["other"] == set()
    assert seen_images["buyer"] == set(secret_images)  # every page beyond the preview
    assert not seen_original["anonymous"] and not seen_original["other"]
    assert seen_original["buyer"]  # through the signed link in the crawl


def test_buyer_page_shows_all_images_but_preview_text_only(world):
    doc = world["doc"]
    client = Client()
    client.force_login(world["buyer"])
    content = client.get(doc.get_absolute_url()).content.decode()
    for number in range(1, PAGES + 1):
        assert reverse("web:page_image", args=[doc.pk, number, 1000]) in content
    assert beyond_marker(PAGES) not in content  # the text block stays the free preview
    # The text layer of the preview pages is in the page; the buyer's further layers load
    # from their own URL.
    assert "第1页正文" in content and 'class="text-layer"' in content
    layer = client.get(reverse("web:text_layer", args=[doc.pk, PAGES])).json()
    assert beyond_marker(PAGES) in layer["spans"][0]["text"]
    found = client.get(reverse("web:find_in_document", args=[doc.pk]), {"q": "独有标记"}).json()
    assert [p["number"] for p in found["pages"]] == list(range(FREE + 1, PAGES + 1))
    stranger = Client()
    stranger.force_login(world["other"])
    content = stranger.get(doc.get_absolute_url()).content.decode()
    assert reverse("web:page_image", args=[doc.pk, FREE + 1, 1000]) not in content


def test_the_api_gives_the_buyer_the_original(world):
    doc = world["doc"]
    client = Client()
    client.force_login(world["buyer"])
    data = client.get(reverse("api:document_download", args=[doc.pk])).json()
    response = client.get(data["url"].replace("http://testserver", ""))
    assert body(response) == original_bytes(doc.pk)
    for who in ("other", None):
        client = Client()
        if who:
            client.force_login(world[who])
        response = client.get(reverse("api:document_download", args=[doc.pk]))
        assert response.status_code in (401, 403) and "url" not in response.json()
