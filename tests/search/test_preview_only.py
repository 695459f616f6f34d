"""DESIGN §3: text beyond the free preview never reaches a reader through search."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.search.corpus import Corpus
from wenku.search.services import search

pytestmark = pytest.mark.django_db

MARKER = "绝密标记XQ7"
BEFORE = "页七前文独有内容"
AFTER = "页七后文独有内容"


@pytest.fixture
def paid_doc(make_doc):
    corpus = Corpus(seed=3)
    pages = [corpus.text(300) for _ in range(10)]
    pages[6] = corpus.text(100) + BEFORE + MARKER + AFTER + corpus.text(100)
    return make_doc(title="内部资料", pages=pages, price=20, description="内部资料说明")


def _leaks(text: str, q: str) -> list[str]:
    """Any 4-character window of page 7's own text (marker and neighbours) found in `text`,
    once the reader's own query (echoed in the search box and title) is taken out."""
    own = BEFORE + MARKER + AFTER
    text = text.replace(q, "")
    return [own[i : i + 4] for i in range(len(own) - 3) if own[i : i + 4] in text]


@pytest.mark.parametrize("q", [MARKER, "标记XQ7", f"{BEFORE}{MARKER}", "XQ7页七后文"])
def test_found_by_later_page_but_never_shown(client, paid_doc, q):
    assert paid_doc.free_pages == 5
    res = search(q)
    assert [r.document.pk for r in res.results] == [paid_doc.pk]
    for r in res.results:
        assert not _leaks(str(r.snippet) + str(r.title_html), "")
    web = client.get("/search/", {"q": q})
    api = client.get("/api/v1/search", {"q": q})
    assert web.status_code == api.status_code == 200
    assert api.json()["count"] == 1
    for body in (web.content.decode(), api.content.decode("unicode_escape")):
        assert not _leaks(body, q), q


def test_owner_sees_no_more_in_snippets(client, paid_doc):
    client.force_login(paid_doc.owner)
    body = client.get("/search/", {"q": MARKER}).content.decode()
    assert paid_doc.title in body and not _leaks(body, MARKER)


def test_author_lowered_preview_is_respected(make_doc):
    doc = make_doc(
        title="讲义",
        pages=["第一页公开内容", "第二页公开内容", "第三页付费暗号ZZ"],
        preview_limit=2,
    )
    res = search("暗号")
    assert [r.document.pk for r in res.results] == [doc.pk]
    assert "暗号" not in res.results[0].snippet and "付费" not in res.results[0].snippet


@override_settings(WENKU_PREVIEW_PAGES=0)
def test_no_preview_means_snippet_from_description_only(make_doc):
    make_doc(title="讲义", pages=["正文里的秘密词"], description="公开的简介")
    res = search("秘密词")
    assert res.count == 1 and str(res.results[0].snippet) == "公开的简介"
