"""Attack: learn the title, existence or status of a document one may not see (held for
review, hidden, removed, failed or still converting) through any page, form, error or API
body that takes a document id. Each answer must equal the answer for an id that does not
exist (the document is asked about, deleted, and asked about again)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.abuse.conftest import SECRET_TITLE, answer_as_if_missing
from wenku.library.models import Document

pytestmark = pytest.mark.django_db
V, S = Document.Visibility, Document.Status
UNSEEN = [
    {"visibility": V.HELD},
    {"visibility": V.HIDDEN},
    {"visibility": V.REMOVED},
    {"status": S.FAILED},
    {"status": S.UPLOADED},
]
IDS = ["held", "hidden", "removed", "failed", "converting"]


SITE_GETS = {
    "report page": lambda pk: f"/moderation/report/?doc={pk}",
    "report form": lambda pk: f"/moderation/report/mismatch/?doc={pk}",
    "copyright form": lambda pk: f"/moderation/report/copyright/?doc={pk}",
    "download-failed form": lambda pk: f"/moderation/report/download/?doc={pk}",
    "document page": lambda pk: f"/d/{pk}/",
    "page image": lambda pk: f"/d/{pk}/page/1-500.webp",
    "cover": lambda pk: f"/d/{pk}/cover.webp",
    "status": lambda pk: f"/d/{pk}/status.json",
    "page state": lambda pk: f"/d/{pk}/pages.json?from=1",
    "edit": lambda pk: f"/d/{pk}/edit/",
    "buy page": lambda pk: f"/wallet/buy/{pk}/",
}
API_GETS = {
    "api document": lambda pk: f"/api/v1/documents/{pk}",
    "api status": lambda pk: f"/api/v1/documents/{pk}/status",
    "api pages": lambda pk: f"/api/v1/documents/{pk}/pages",
    "api page text": lambda pk: f"/api/v1/documents/{pk}/pages/1",
    "api page text beyond preview": lambda pk: f"/api/v1/documents/{pk}/pages/7",
    "api page image": lambda pk: f"/api/v1/documents/{pk}/pages/1/image",
    "api download link": lambda pk: f"/api/v1/documents/{pk}/download",
    "api rating": lambda pk: f"/api/v1/documents/{pk}/rating",
    "api comments": lambda pk: f"/api/v1/documents/{pk}/comments",
}


@pytest.fixture(params=range(len(UNSEEN)), ids=IDS)
def unseen(request, make_doc):
    return make_doc(**UNSEEN[request.param])


@pytest.fixture
def member(prober) -> Client:
    client = Client()
    client.force_login(prober)
    return client


@pytest.mark.parametrize("name", list(SITE_GETS) + list(API_GETS))
def test_get_answers_like_an_unknown_id_to_anonymous_and_members(unseen, member, name):
    url = {**SITE_GETS, **API_GETS}[name]
    answer_as_if_missing(unseen, lambda pk: member.get(url(pk)))


@pytest.mark.parametrize("name", ["report page", "document page", "api document"])
def test_anonymous_visitor_learns_nothing(unseen, name):
    url = {**SITE_GETS, **API_GETS}[name]
    answer_as_if_missing(unseen, lambda pk: Client().get(url(pk)))


def test_report_form_post_answers_like_an_unknown_id(unseen, member):
    answer_as_if_missing(
        unseen,
        lambda pk: member.post("/moderation/report/mismatch/", {"document": pk, "details": "x"}),
    )


@pytest.mark.parametrize("kind", ["mismatch", "spam", "download"])
def test_complaint_api_answers_like_an_unknown_id(unseen, member, kind):
    def ask(pk):
        body = {"kind": kind, "document": str(pk), "details": "标题与内容不符"}
        return member.post("/api/v1/complaints", json.dumps(body), content_type="application/json")

    answer_as_if_missing(unseen, ask)


def test_copyright_notice_api_answers_like_an_unknown_id(unseen, member):
    def ask(pk):
        body = {
            "kind": "copyright", "name": "王小明", "email": "rights@example.com",
            "address": "北京市海淀区中关村大街1号", "work": "《某书》", "documents": str(pk),
            "details": "全文照搬。", "good_faith": True, "accuracy": True,
        }  # fmt: skip
        return member.post("/api/v1/complaints", json.dumps(body), content_type="application/json")

    answer_as_if_missing(unseen, ask)


def test_favourite_api_answers_like_an_unknown_id(unseen, member):
    answer_as_if_missing(unseen, lambda pk: member.put(f"/api/v1/documents/{pk}/favourite"))


def test_purchase_api_answers_like_an_unknown_id(unseen, prober, staff, member):
    from wenku.wallet import services as wallet

    wallet.grant(staff, prober, 100, "test funds")

    def ask(pk):
        return member.post(
            f"/api/v1/documents/{pk}/purchase", "{}", content_type="application/json"
        )

    answer_as_if_missing(unseen, ask)


REVIEW_POSTS = {
    "rate": lambda c, pk: c.post(f"/reviews/documents/{pk}/rate", {"stars": 5}),
    "comment": lambda c, pk: c.post(f"/reviews/documents/{pk}/comment", {"body": "x"}),
    "api rate": lambda c, pk: c.put(
        f"/api/v1/documents/{pk}/rating", '{"stars": 5}', content_type="application/json"
    ),
    "api comment": lambda c, pk: c.post(
        f"/api/v1/documents/{pk}/comments", '{"body": "x"}', content_type="application/json"
    ),
}


@pytest.mark.parametrize("name", list(REVIEW_POSTS))
def test_rating_and_comment_posts_answer_like_an_unknown_id(unseen, member, name):
    answer_as_if_missing(unseen, lambda pk: REVIEW_POSTS[name](member, pk))


def test_site_download_answers_like_an_unknown_id(unseen, member):
    answer_as_if_missing(unseen, lambda pk: member.post(f"/wallet/download/{pk}/"))


def test_site_buy_post_answers_like_an_unknown_id(unseen, prober, staff, member):
    from wenku.wallet import services as wallet

    wallet.grant(staff, prober, 100, "test funds")
    answer_as_if_missing(
        unseen, lambda pk: member.post(f"/wallet/buy/{pk}/", {"expected_price": "10"})
    )


@pytest.mark.parametrize(
    "url",
    ["/search/?q=绝密未公开", "/search/suggest?q=绝密", "/api/v1/search?q=绝密未公开",
     "/sitemap-documents.xml", "/api/v1/documents?q=绝密", "/"],
)  # fmt: skip
def test_listings_search_and_sitemap_never_name_it(make_doc, url):
    from wenku.search.indexing import sync_document

    for change in UNSEEN:  # indexed while public, then changed behind the index's back
        doc = make_doc()
        sync_document(doc)
        Document.objects.filter(pk=doc.pk).update(**change)
    response = Client().get(url)
    assert response.status_code == 200
    assert SECRET_TITLE not in response.content.decode()


def test_related_documents_of_a_public_page_never_list_it(unseen, make_doc):
    public = make_doc(title="公开的职业教育材料")
    page = Client().get(public.get_absolute_url()).content.decode()
    assert SECRET_TITLE not in page and f"/d/{unseen.pk}/" not in page


def test_owner_and_staff_still_see_it(unseen, author, staff):
    for user in (author, staff):
        client = Client()
        client.force_login(user)
        page = client.get(f"/moderation/report/?doc={unseen.pk}").content.decode()
        if unseen.visibility != V.REMOVED:
            assert SECRET_TITLE in page
