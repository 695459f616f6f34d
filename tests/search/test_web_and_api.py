"""The search page, the JSON API and suggestions, including hostile input."""

from __future__ import annotations

import pytest
from django.utils import timezone

from wenku.library.models import Document

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "",
    " ",
    "书",
    "a",
    "文" * 10_000,
    "x" * 10_000,
    "！？。，…",
    "!!!",
    '"',
    '"""',
    "*",
    "数学*",
    "NEAR",
    "NEAR(数学 期末, 2)",
    "数学 OR 期末",
    "OR",
    "AND",
    "NOT",
    "-数学",
    "(",
    ")",
    "((数学",
    "title:数学",
    "{title}: 数学",
    "^数学",
    "'; DROP TABLE library_document; --",
    "1' OR '1'='1",
    "%",
    "%%",
    "_",
    "\\",
    "😀",
    "😀😀 数学",
    "\x00",
    "\u200b\u200b",
    "<script>alert(1)</script>",
    "数学\t期末\n",
]


@pytest.fixture
def docs(make_doc, categories):
    a = make_doc(
        title="2023年高考数学试卷",
        pages=['一、选择题：本题共8小题。数学期末考试，(OR) NEAR "引号" 100%通过。'],
        category=categories["grand"],
        tags=("高考",),
        format="pdf",
        downloads=10,
    )
    b = make_doc(title="数学教学计划", pages=["本学期数学教学"], format="docx", price=5)
    return a, b


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_queries_never_fail(client, docs, q):
    web = client.get("/search/", {"q": q})
    assert web.status_code == 200
    api = client.get("/api/v1/search", {"q": q})
    assert api.status_code == 200
    data = api.json()
    assert isinstance(data["count"], int) and isinstance(data["results"], list)
    assert client.get("/search/suggest", {"q": q}).status_code == 200


def test_results_page_shows_what_a_reader_needs(client, docs):
    a, _ = docs
    response = client.get("/search/", {"q": "数学期末"})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.templates[0].name == "search/results.html"
    assert "<mark>数学期末</mark>" in html  # highlighted snippet
    assert "2023年高考<mark>数学</mark>试卷" in html or "2023年高考数学试卷" in html
    assert a.get_absolute_url() in html
    assert "PDF" in html and "12.06 KB" in html and "张老师" in html
    # the site shows dates in its own time zone (Asia/Shanghai), not UTC
    assert timezone.localtime(a.created_at).strftime("%Y-%m-%d") in html
    assert 'name="category"' in html and 'name="format"' in html and 'name="free"' in html
    assert 'name="pages_min"' in html and 'name="date"' in html and "sort=newest" in html
    assert 'content="noindex' in html


def test_results_page_filters_by_get_parameters(client, docs, categories):
    a, b = docs
    link_a, link_b = (f'href="{d.get_absolute_url()}"' for d in docs)
    html = client.get(
        "/search/", {"q": "数学", "category": categories["root"].slug, "format": "pdf"}
    ).content.decode()
    assert link_a in html and link_b not in html
    html = client.get("/search/", {"q": "数学", "free": "0"}).content.decode()
    assert link_b in html and link_a not in html
    # Invalid filter values are reported and ignored, never a 500.
    response = client.get("/search/", {"q": "数学", "pages_min": "abc", "category": "nope"})
    html = response.content.decode()
    assert response.status_code == 200 and link_a in html and link_b in html


def test_api_shape_and_filters(client, docs, categories):
    a, b = docs
    data = client.get("/api/v1/search", {"q": "数学", "sort": "downloads"}).json()
    assert data["count"] == 2 and [r["id"] for r in data["results"]] == [a.pk, b.pk]
    first = data["results"][0]
    assert set(first) >= {"id", "title", "url", "format", "pages", "snippet", "score"}
    assert first["url"].endswith(a.get_absolute_url()) and first["pages"] == 1
    assert first["format"] == "pdf" and first["title"] == a.title
    for params, expected in [
        ({"category": categories["root"].pk}, [a.pk]),
        ({"category": categories["child"].slug}, [a.pk]),
        ({"format": "doc"}, [b.pk]),
        ({"free": "1"}, [a.pk]),
        ({"free": "false"}, [b.pk]),
        ({"pages_min": 2}, []),
        ({"pages_max": 1, "date": "week"}, [a.pk, b.pk]),
    ]:
        got = client.get("/api/v1/search", {"q": "数学", "sort": "downloads", **params}).json()
        assert [r["id"] for r in got["results"]] == expected, params
    bad = client.get("/api/v1/search", {"q": "数学", "pages_min": "many", "page": "x"})
    assert bad.status_code == 400 and "pages_min" in bad.json()["errors"]


@pytest.mark.parametrize(
    "params",
    [
        {"category": "9" * 40},
        {"category": "²"},
        {"category": "../../etc"},
        {"page": "9" * 40},
        {"page": "-1"},
        {"pages_min": "-1"},
        {"pages_max": "1e9"},
        {"format": "'; --"},
        {"free": "maybe"},
        {"date": "century"},
        {"sort": "rowid"},
    ],
)
def test_bad_filter_values_are_client_errors(client, docs, params):
    assert client.get("/search/", {"q": "数学", **params}).status_code == 200
    assert client.get("/api/v1/search", {"q": "数学", **params}).status_code == 400


def test_api_page_beyond_the_end_is_empty(client, docs):
    data = client.get("/api/v1/search", {"q": "数学", "page": 9999}).json()
    assert data["count"] == 2 and data["results"] == []


def test_suggest_returns_listed_titles(client, docs, make_doc):
    make_doc(title="数学隐藏讲义", visibility=Document.Visibility.HIDDEN)
    data = client.get("/search/suggest", {"q": "数学"}).json()
    titles = [s["title"] for s in data["suggestions"]]
    assert set(titles) == {"2023年高考数学试卷", "数学教学计划"}
    assert all(s["url"] for s in data["suggestions"])
    one = client.get("/search/suggest", {"q": "数"}).json()["suggestions"]
    assert [s["title"] for s in one] == ["数学教学计划"]  # one character: title prefix
    assert client.get("/search/suggest", {"q": "期末"}).json()["suggestions"] == []  # body only


def test_suggest_script_is_served(client):
    response = client.get("/static/search/suggest.js")
    assert response.status_code == 200
    assert b"data-suggest" in b"".join(response.streaming_content)
