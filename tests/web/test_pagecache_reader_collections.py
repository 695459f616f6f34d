"""The shared page cache against what the reader and collections added: collection and author
pages, the text layer endpoint, the copy switch, a lowered preview (site and author), the
rendered fragments that members' pages share with the anonymous one, and nothing of a member
(name, token, collections, favourites) in what anonymous visitors are served.

Each invalidation test warms the cache first (a page asked twice is served from it) and fails
if the version stamps are not bumped (the stale entry would be served)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from wenku.collections import services as collections
from wenku.library import services
from wenku.library.models import Document
from wenku.moderation.effects import note_staff_visibility
from wenku.web import pagecache

pytestmark = pytest.mark.django_db


def body(client: Client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def warm(client: Client, *urls: str) -> None:
    for _ in range(2):
        for url in urls:
            client.get(url)
    for url in urls:  # served from the shared entry now
        assert pagecache.cache.get(pagecache.entry_key(RequestFactory().get(url))), url


def layer_url(doc: Document, number: int) -> str:
    return reverse("web:text_layer", args=[doc.pk, number])


def take_down(doc: Document) -> None:
    note_staff_visibility(doc.pk, Document.Visibility.HIDDEN)
    services.set_visibility(doc, Document.Visibility.HIDDEN)


def edit(doc: Document, **changes) -> None:
    values = dict(
        title=doc.title, description=doc.description, category=doc.category, tags=[],
        preview_limit=doc.preview_limit,
    )  # fmt: skip
    values.update(changes)
    services.update_document(doc, **values)


def member_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shelf(make_doc, member):
    """A public collection of two documents by `member`."""
    docs = [make_doc(title=f"收藏里的文档甲乙{n}") for n in range(2)]
    shelf = collections.create(member, title="职业教育资料合集", is_public=True)
    for doc in docs:
        collections.add(member, shelf, doc.pk)
    return shelf, docs


# --- collections and author pages are shared, and follow every change at once -------------


def test_collection_and_author_pages_are_shared(client, shelf, member, django_assert_num_queries):
    coll, _ = shelf
    urls = [coll.get_absolute_url(), reverse("web:profile", args=[member.username])]
    warm(client, *urls)
    for url in urls:
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200 and response.has_header("ETag"), url
        assert "public" in response["Cache-Control"], url


@pytest.mark.parametrize("change", ["take down", "remove", "delete"])
def test_document_taken_down_leaves_collection_and_author_pages(client, shelf, member, change):
    coll, docs = shelf
    target = docs[0]
    target_url = target.get_absolute_url()
    urls = [coll.get_absolute_url(), reverse("web:profile", args=[member.username])]
    warm(client, *urls)
    for url in urls:
        assert target.title in body(client, url)[1], url
    if change == "take down":
        take_down(target)
    elif change == "remove":
        services.set_visibility(target, Document.Visibility.REMOVED)
    else:
        services.delete_document(target)
    for url in urls:
        status, html = body(client, url)
        assert status == 200 and target.title not in html, (url, change)
        assert target_url not in html, (url, change)
        assert docs[1].title in html, url


def test_edited_collection_shows_at_once(client, shelf, member, make_doc):
    coll, docs = shelf
    url = coll.get_absolute_url()
    warm(client, url)
    collections.update(member, coll, title="改名后的合集", description="新的说明文字")
    html = body(client, url)[1]
    assert "改名后的合集" in html and "新的说明文字" in html
    added = make_doc(title="后来加入的文档丙")
    collections.add(member, coll, added.pk)
    assert "后来加入的文档丙" in body(client, url)[1]
    collections.reorder(member, coll, [docs[1].pk, docs[0].pk, added.pk])
    html = body(client, url)[1]
    assert html.index(docs[1].title) < html.index(docs[0].title)
    collections.remove(member, coll, docs[0].pk)
    assert docs[0].title not in body(client, url)[1]


def test_collection_made_private_or_deleted_is_gone_at_once(client, shelf, member):
    coll, _ = shelf
    url = coll.get_absolute_url()
    profile = reverse("web:profile", args=[member.username])
    warm(client, url, profile)
    assert coll.title in body(client, profile)[1]
    collections.update(member, coll, is_public=False)
    assert client.get(url).status_code == 404
    assert coll.title not in body(client, profile)[1]  # the author page's collections
    collections.update(member, coll, is_public=True)
    warm(client, url)
    collections.delete(member, coll)
    assert client.get(url).status_code == 404


def test_renamed_author_shows_on_the_author_page(client, shelf, member):
    profile = reverse("web:profile", args=[member.username])
    warm(client, profile)
    member.display_name = "新名字作者"
    member.save()
    assert "新名字作者" in body(client, profile)[1]


# --- the reader's text layer endpoint ------------------------------------------------------


def test_text_layer_is_shared_and_gone_after_a_takedown(client, make_doc):
    doc = make_doc()
    url = layer_url(doc, 1)
    warm(client, url)
    response = client.get(url)
    assert response.status_code == 200 and response.has_header("ETag")
    assert "s-maxage=0" in response["Cache-Control"]  # never kept by a CDN without asking
    take_down(doc)
    assert client.get(url).status_code == 404


def test_lowered_preview_limit_closes_the_text_layer(client, make_doc):
    doc = make_doc()
    url = layer_url(doc, 4)
    warm(client, url)
    edit(doc, preview_limit=2)
    assert client.get(url).status_code == 404
    assert client.get(layer_url(doc, 2)).status_code == 200


def test_copy_switch_shows_at_once_on_page_and_layer(client, make_doc):
    doc = make_doc()
    page, layer = doc.get_absolute_url(), layer_url(doc, 1)
    warm(client, page, layer)
    assert "no-copy" not in body(client, page)[1]
    assert client.get(layer).json()["copy"] is True
    edit(doc, allow_copy=False)
    assert 'class="previews no-copy"' in body(client, page)[1]
    assert "no-copy-text" in body(client, page)[1]
    assert client.get(layer).json()["copy"] is False


# --- a lowered preview, in the shared page and in members' pages built from fragments --------


def test_site_preview_lowered_shortens_the_cached_text_block(client, make_doc, settings):
    doc = make_doc()
    url = doc.get_absolute_url()
    warm(client, url)
    assert 'id="text-5"' in body(client, url)[1]
    settings.WENKU_PREVIEW_PAGES = 2  # a restart with another setting: no signal at all
    html = body(client, url)[1]
    assert 'id="text-2"' in html and 'id="text-3"' not in html  # text block, not only images
    assert 'id="page-3"' not in html
    assert client.get(layer_url(doc, 3)).status_code == 404


def test_member_page_built_from_shared_fragments_follows_a_lowered_preview(client, make_doc, other):
    doc = make_doc()
    url = doc.get_absolute_url()
    reader = member_client(other)
    warm(client, url)
    for _ in range(2):
        html = body(reader, url)[1]
    assert 'id="page-5"' in html and 'id="text-5"' in html
    edit(doc, preview_limit=2)
    for who in (reader, client):
        html = body(who, url)[1]
        assert 'id="page-2"' in html and 'id="page-3"' not in html
        assert 'id="text-2"' in html and 'id="text-3"' not in html


def test_member_page_fragments_follow_a_takedown_and_an_edit(client, make_doc, other):
    doc = make_doc()
    url = doc.get_absolute_url()
    reader = member_client(other)
    for _ in range(2):
        body(reader, url)
    edit(doc, title="会员也立刻看到的新标题")
    html = body(reader, url)[1]
    assert "<h1>会员也立刻看到的新标题</h1>" in html  # the cached head fragment, not only <title>
    assert "第1页正文" in html
    take_down(doc)
    assert reader.get(url).status_code == 404


# --- nothing of a member in a shared entry -------------------------------------------------


def test_reader_token_and_collections_box_stay_out_of_shared_pages(
    client, shelf, member, other, make_doc
):
    coll, docs = shelf
    doc = docs[0]
    collections.create(other, title="读者私人收藏夹", is_public=False)
    mine = member_client(member)
    theirs = member_client(other)
    url = doc.get_absolute_url()
    for _ in range(2):  # members first: what they are shown must not be stored for others
        for who in (mine, theirs):
            response = who.get(url)
            html = response.content.decode()
            assert "data-csrf=" in html and "data-position-url=" in html
            assert "private" in response["Cache-Control"] and not response.has_header("ETag")
        html = body(client, url)[1]
        for secret in ("data-csrf", "data-position-url", "csrfmiddlewaretoken", "add_item",
                       "职业教育资料合集", "读者私人收藏夹"):  # fmt: skip
            assert secret not in html, secret
    # Each member's box lists their own collections only (cached per member, never shared).
    assert "职业教育资料合集" in body(mine, url)[1]
    theirs_html = body(theirs, url)[1]
    assert "读者私人收藏夹" in theirs_html and "职业教育资料合集" not in theirs_html
    entry = pagecache.cache.get(pagecache.entry_key(RequestFactory().get(url)))
    assert entry is not None and b"data-csrf" not in entry[2]


def test_new_collection_shows_in_the_members_box_at_once(shelf, other, make_doc):
    doc = shelf[1][0]
    reader = member_client(other)
    assert "第一个收藏夹" not in body(reader, doc.get_absolute_url())[1]
    collections.create(other, title="第一个收藏夹")
    assert "第一个收藏夹" in body(reader, doc.get_absolute_url())[1]


def test_favourite_buttons_stay_out_of_the_shared_collection_page(client, shelf, other):
    coll, _ = shelf
    url = coll.get_absolute_url()
    fan = member_client(other)
    collections.favourite(other, coll)
    for _ in range(2):
        html = body(fan, url)[1]
        assert (
            "Remove from favourites" in html or "取消收藏" in html or "csrfmiddlewaretoken" in html
        )
        anonymous = body(client, url)[1]
        assert "csrfmiddlewaretoken" not in anonymous
        assert 'action="' + reverse("collections:favourite", args=[coll.pk]) not in anonymous
    entry = pagecache.cache.get(pagecache.entry_key(RequestFactory().get(url)))
    assert entry is not None and b"csrfmiddlewaretoken" not in entry[2]
