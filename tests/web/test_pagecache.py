"""The shared page cache: hits cost no query, every change shows at once, nothing private is
shared, 304 on revalidation, one entry per language."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from wenku.library import services
from wenku.library.models import Document
from wenku.moderation.effects import note_staff_visibility
from wenku.search.services import sync_document
from wenku.web import pagecache

pytestmark = pytest.mark.django_db

QUERY = "/search/?q=%E8%81%8C%E4%B8%9A"  # 职业, in every test document's title


@pytest.fixture
def docs(make_doc, category):
    """A target and three others alike in text (so related blocks show the target)."""
    made = [
        make_doc(title=f"职业教育交流材料{n}", category=category, tags=("职业",)) for n in range(4)
    ]
    for doc in made:
        sync_document(doc)
    return made


def fetch(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return response.content.decode() if response.status_code == 200 else ""


def public_urls(doc: Document, category) -> list[str]:
    return ["/", category.get_absolute_url(), QUERY, "/sitemap-documents.xml", doc_url(doc)]


def doc_url(doc: Document) -> str:
    return doc.get_absolute_url()


def warm(client: Client, urls: list[str]) -> None:
    for _ in range(3):  # search stores a query once it is asked again
        for url in urls:
            client.get(url)


def test_second_visit_is_served_without_a_query(client, docs, category, django_assert_num_queries):
    urls = ["/", category.get_absolute_url(), QUERY, doc_url(docs[1]), "/sitemap.xml"]
    warm(client, urls)
    for url in urls:
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response.status_code == 200, url
        assert response.has_header("ETag") and response.has_header("Last-Modified")
        control = response["Cache-Control"]
        assert "public" in control and "must-revalidate" in control and "s-maxage=0" in control


def test_etag_and_last_modified_revalidate_with_304(client, docs):
    url = doc_url(docs[0])
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    services.update_document(
        docs[0], title="改过的标题", description="", category=None, tags=[], preview_limit=None
    )
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "改过的标题" in changed.content.decode()
    assert changed["ETag"] != etag


def assert_gone_everywhere(client, title, target_url, others, category) -> None:
    for url in ["/", category.get_absolute_url(), QUERY, "/sitemap-documents.xml"]:
        body = fetch(client, url)
        assert body, url
        assert title not in body and target_url not in body, url
    assert client.get(target_url).status_code == 404
    related = fetch(client, doc_url(others[0]))
    assert target_url not in related  # no longer among the related documents


def assert_shown_everywhere(client, target, others, category) -> None:
    for url in ["/", category.get_absolute_url(), QUERY, "/sitemap-documents.xml"]:
        assert doc_url(target) in fetch(client, url), url
    assert target.title in fetch(client, doc_url(target))
    assert doc_url(target) in fetch(client, doc_url(others[0]))


def hide(doc):
    services.set_visibility(doc, Document.Visibility.HIDDEN)


def take_down(doc):
    note_staff_visibility(doc.pk, Document.Visibility.HIDDEN)
    services.set_visibility(doc, Document.Visibility.HIDDEN)


def remove(doc):
    services.set_visibility(doc, Document.Visibility.REMOVED)


def hold(doc):
    services.set_visibility(doc, Document.Visibility.HELD)


@pytest.mark.parametrize("change", [hide, take_down, remove, hold])
def test_hidden_document_leaves_every_cached_page_and_comes_back(client, docs, category, change):
    target, others = docs[0], docs[1:]
    warm(client, public_urls(target, category) + [doc_url(others[0])])
    assert_shown_everywhere(client, target, others, category)
    change(target)
    assert_gone_everywhere(client, target.title, doc_url(target), others, category)
    services.set_visibility(target, Document.Visibility.PUBLIC)  # restored
    assert_shown_everywhere(client, target, others, category)


@pytest.mark.parametrize("change", [hide, take_down, remove, hold])
def test_a_members_document_page_follows_a_takedown_at_once(client, docs, other, change):
    """A member's page is not shared, but the document row under it is kept in memory under
    the page's stamps: the change shows on the very next request, not after a timeout."""
    target = docs[0]
    client.force_login(other)
    for _ in range(2):
        assert target.title in fetch(client, doc_url(target))
    change(target)
    assert client.get(doc_url(target)).status_code == 404
    services.set_visibility(target, Document.Visibility.PUBLIC)
    assert target.title in fetch(client, doc_url(target))


def test_a_price_raised_by_the_author_shows_on_a_members_page_at_once(client, docs, other):
    target = docs[0]
    client.force_login(other)
    assert 'name="expected_price" value="0"' in fetch(client, doc_url(target))
    services.update_document(
        target, title=target.title, description="", category=None, tags=[],
        preview_limit=None, price=7,
    )  # fmt: skip
    assert 'name="expected_price" value="7"' in fetch(client, doc_url(target))


def test_the_owner_reads_the_document_row_fresh(client, docs, member):
    """Counters and conversion progress change without a stamp (no public page shows them
    exactly); the owner's panel shows them as they are."""
    target = docs[0]
    client.force_login(member)
    assert "下载 0 次" in fetch(client, doc_url(target))
    Document.objects.filter(pk=target.pk).update(downloads=7)  # as a delivery counts it
    assert "下载 7 次" in fetch(client, doc_url(target))


def test_deleted_document_leaves_every_cached_page(client, docs, category):
    target, others = docs[0], docs[1:]
    warm(client, public_urls(target, category) + [doc_url(others[0])])
    title, url = target.title, doc_url(target)
    services.delete_document(target)
    assert_gone_everywhere(client, title, url, others, category)


def test_edited_title_shows_on_the_page_and_in_lists(client, docs, category):
    target = docs[0]
    warm(client, public_urls(target, category))
    services.update_document(
        target,
        title="职业新标题之文档",
        description="",
        category=category,
        tags=["职业"],
        preview_limit=None,
    )
    for url in ["/", category.get_absolute_url(), QUERY, doc_url(target)]:
        body = fetch(client, url)
        # (search results mark the query's words: 职业 is wrapped in <mark>)
        assert "新标题之文档" in body and "交流材料0" not in body, url


def test_lowered_preview_limit_shows_fewer_pages(client, docs, settings):
    target = docs[0]
    url = doc_url(target)
    warm(client, [url])
    assert 'id="page-5"' in fetch(client, url)
    services.update_document(
        target, title=target.title, description="", category=None, tags=[], preview_limit=2
    )
    body = fetch(client, url)
    assert 'id="page-2"' in body and 'id="page-3"' not in body
    settings.WENKU_PREVIEW_PAGES = 1  # the site's own limit lowered (a restart, no signal)
    body = fetch(client, url)
    assert 'id="page-1"' in body and 'id="page-2"' not in body


def test_entries_vary_by_language(client, docs):
    warm(client, ["/"])
    assert "最新文档" in fetch(client, "/")
    english = Client()
    english.cookies["django_language"] = "en"
    for _ in range(2):
        body = fetch(english, "/")
        assert '<html lang="en">' in body and "最新文档" not in body
    body = fetch(client, "/")
    assert '<html lang="zh-hans">' in body and "最新文档" in body


def test_language_switch_needs_no_token_and_works_from_a_cached_page(docs):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/")
    body = fetch(visitor, "/")
    assert "csrfmiddlewaretoken" not in body
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in fetch(visitor, "/")


def test_no_member_data_or_token_in_shared_pages(client, docs, category, django_user_model):
    alice = django_user_model.objects.create_user("alice", password="pw-alice-123")
    bob = django_user_model.objects.create_user("bob", password="pw-bob-123")
    urls = public_urls(docs[0], category)
    members = []
    for user in (alice, bob):
        member = Client()
        member.force_login(user)
        members.append(member)
    anonymous = Client()
    for _ in range(3):  # members first, anonymous between them, twice over
        for member in members:
            for url in urls:
                body = fetch(member, url)
                assert (
                    "Cache-Control" not in member.get(url)
                    or "private" in member.get(url)["Cache-Control"]
                )
                assert member.get(url).get("ETag") is None
        for url in urls:
            body = fetch(anonymous, url)
            for secret in ("alice", "bob", "csrfmiddlewaretoken", "csrftoken", "Log out"):
                assert secret not in body, (url, secret)
    # And what is stored under an anonymous visitor's key holds nothing of theirs either.
    for url in urls:
        entry = pagecache.cache.get(pagecache.entry_key(RequestFactory().get(url)))
        assert entry is not None, url
        assert b"alice" not in entry[2] and b"csrfmiddlewaretoken" not in entry[2]
        assert not any(name.lower() == "set-cookie" for name, _ in entry[1])


def test_member_pages_are_kept_out_of_shared_caches(client, docs, member):
    client.force_login(member)
    response = client.get(doc_url(docs[1]))
    assert "private" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_one_off_search_is_not_stored(client, docs, django_assert_num_queries):
    url = "/search/?q=%E6%95%99%E8%82%B2%E5%B7%A5%E4%BD%9C"
    client.get(url)
    entry = pagecache.cache.get(pagecache.entry_key(RequestFactory().get(url)))
    assert entry is None
    client.get(url)  # asked again: now it is a common query
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_page_with_placeholders_is_not_stored(client, make_doc):
    doc = make_doc(rendered=False)
    client.get(doc_url(doc))
    with CaptureQueriesContext(connection) as queries:
        body = fetch(client, doc_url(doc))
    assert queries.captured_queries and "page-missing" in body  # rendered again, not shared


def test_purge_command_makes_cached_pages_stale(client, docs, django_assert_num_queries):
    from django.core.management import call_command

    url = doc_url(docs[0])
    warm(client, [url, "/"])
    Document.objects.filter(pk=docs[0].pk).update(title="数据库里直接改的标题")  # no signal
    assert "数据库里直接改的标题" not in fetch(client, url)  # still the cached page
    call_command("purge_pages", document=docs[0].pk)
    assert "数据库里直接改的标题" in fetch(client, url)
    with django_assert_num_queries(0):
        client.get("/")
    call_command("purge_pages")
    assert "数据库里直接改的标题" in fetch(client, "/")
