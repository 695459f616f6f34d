"""The ratings and comments API: the same rules as the site, the API's error shape, the
schema documents every endpoint."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.api.conftest import token_client
from wenku.reviews import services
from wenku.reviews.models import Comment, Rating
from wenku.security import ratelimit

pytestmark = pytest.mark.django_db


def test_rate_and_read_the_rating(make_doc, reader, anon):
    doc = make_doc()
    client = token_client(reader)
    url = f"/api/v1/documents/{doc.pk}/rating"
    assert anon.get(url).json() == {"average": 0.0, "count": 0, "stars": None, "buyer": False}
    response = client.put(url, {"stars": 4}, format="json")
    assert response.status_code == 200
    assert response.json() == {"average": 4.0, "count": 1, "stars": 4, "buyer": False}
    assert client.put(url, {"stars": 2}, format="json").json()["count"] == 1
    listed = anon.get(f"/api/v1/documents/{doc.pk}").json()
    assert (listed["rating_average"], listed["rating_count"]) == (2.0, 1)
    assert anon.put(url, {"stars": 4}, format="json").status_code == 401


@pytest.mark.parametrize("bad", [0, 6, "x", None, 3.5])
def test_bad_ratings(make_doc, reader, bad):
    doc = make_doc()
    response = token_client(reader).put(
        f"/api/v1/documents/{doc.pk}/rating", {"stars": bad}, format="json"
    )
    assert response.status_code == 400 and "error" in response.json()
    assert not Rating.objects.exists()


def test_own_and_hidden_documents(make_doc, author, reader):
    doc, hidden = make_doc(), make_doc(title="隐藏", visibility="hidden")
    own = token_client(author).put(f"/api/v1/documents/{doc.pk}/rating", {"stars": 5})
    assert own.status_code == 403 and own.json()["error"] == "own_document"
    client = token_client(reader)
    assert client.put(f"/api/v1/documents/{hidden.pk}/rating", {"stars": 5}).status_code == 404
    assert client.get(f"/api/v1/documents/{hidden.pk}/comments").status_code == 404
    posted = client.post(f"/api/v1/documents/{hidden.pk}/comments", {"body": "hi"})
    assert posted.status_code == 404
    closed = token_client(author).post(f"/api/v1/documents/{hidden.pk}/comments", {"body": "hi"})
    assert closed.status_code == 403 and closed.json()["error"] == "closed"
    assert not Comment.objects.exists() and not Rating.objects.exists()


def test_comments_replies_order_and_text_as_typed(make_doc, reader, second, anon):
    doc = make_doc()
    url = f"/api/v1/documents/{doc.pk}/comments"
    first = token_client(reader).post(url, {"body": "<b>第一</b>"}, format="json")
    assert first.status_code == 201 and first.json()["body"] == "<b>第一</b>"
    top = first.json()["id"]
    later = token_client(reader).post(url, {"body": "第二"}, format="json").json()["id"]
    reply = token_client(second).post(url, {"body": "回复", "parent": top}, format="json")
    assert reply.status_code == 201 and reply.json()["parent"] == top
    vote = token_client(second).post(f"/api/v1/comments/{top}/helpful", {}, format="json")
    assert vote.json() == {"id": top, "helpful_count": 1}
    newest = anon.get(url).json()
    assert newest["count"] == 2 and [c["id"] for c in newest["results"]] == [later, top]
    helpful = anon.get(url, {"order": "helpful"}).json()["results"]
    assert [c["id"] for c in helpful] == [top, later]
    assert helpful[0]["replies"][0]["body"] == "回复" and helpful[0]["author"] == "reader"


def test_bad_comments(make_doc, reader, second):
    doc, other = make_doc(), make_doc(title="另一份")
    url = f"/api/v1/documents/{doc.pk}/comments"
    top = services.comment(second, doc, "问题")
    reply = services.comment(second, doc, "回复", parent=top.pk)
    foreign = services.comment(second, other, "别处")
    client = token_client(reader)
    for body, code in [
        ({"body": ""}, "empty"),
        ({"body": "   "}, "empty"),
        ({"body": "长" * 10_000}, "too_long"),
        ({"body": "x", "parent": reply.pk}, "reply_to_reply"),
        ({"body": "x", "parent": foreign.pk}, "bad_parent"),
        ({"body": "x", "parent": 10**9}, "bad_parent"),
    ]:
        response = client.post(url, body, format="json")
        assert response.status_code in (400, 404), response.json()
        assert response.json()["error"] == code, (body, response.json())
    assert client.post(url, {}, format="json").status_code == 400
    assert Comment.objects.count() == 3


def test_report_and_staff_hide(make_doc, reader, second, staff, anon):
    doc = make_doc()
    target = services.comment(second, doc, "广告")
    report = token_client(reader).post(
        f"/api/v1/comments/{target.pk}/report", {"details": "广告"}, format="json"
    )
    assert report.status_code == 201 and report.json()["duplicate"] is False
    again = token_client(reader).post(
        f"/api/v1/comments/{target.pk}/report", {"details": "广告"}, format="json"
    )
    assert again.status_code == 200 and again.json()["duplicate"] is True
    moderate = f"/api/v1/comments/{target.pk}/moderate"
    assert token_client(reader).post(moderate, {"reason": "x"}).status_code == 403
    hidden = token_client(staff).post(moderate, {"reason": "广告"}, format="json")
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    assert anon.get(f"/api/v1/documents/{doc.pk}/comments").json()["count"] == 0
    reply = token_client(reader).post(
        f"/api/v1/documents/{doc.pk}/comments", {"body": "x", "parent": target.pk}, format="json"
    )
    assert reply.status_code == 404 and reply.json()["error"] == "bad_parent"
    shown = token_client(staff).post(moderate, {"reason": "误判", "hidden": False}, format="json")
    assert shown.json()["hidden"] is False


def test_api_comments_share_the_rate_limit(make_doc, reader, settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    cache.clear()
    settings.WENKU_RATELIMIT = True
    settings.WENKU_RATE_LIMITS = {"comment": (2, 600)}
    doc = make_doc()
    client = token_client(reader)
    url = f"/api/v1/documents/{doc.pk}/comments"
    codes = [client.post(url, {"body": f"第{n}条"}).status_code for n in range(3)]
    assert codes == [201, 201, 429]
    assert client.get(url).status_code == 200  # reading is not counted
    cache.clear()


def test_schema_documents_the_endpoints(anon):
    schema = anon.get("/api/v1/schema", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in (
        "/api/v1/documents/{id}/rating",
        "/api/v1/documents/{id}/comments",
        "/api/v1/comments/{id}/helpful",
        "/api/v1/comments/{id}/report",
        "/api/v1/comments/{id}/moderate",
    ):
        assert path in text, path
