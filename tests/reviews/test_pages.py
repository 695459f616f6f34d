"""The document page's ratings and comments: plain forms (POST, redirect, GET), escaped text,
the shared page cache following every change, no token or member data in a shared page, the
rate limit, and the report and staff forms."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wenku.library.services import set_visibility
from wenku.moderation.models import AuditEntry, Complaint
from wenku.reviews import services
from wenku.reviews.models import Comment, Rating
from wenku.security import ratelimit

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _page_settings(settings):
    settings.WENKU_PAGE_CACHE = True
    settings.WENKU_SERVE_MODE = "django"
    settings.LANGUAGE_CODE = "en"
    cache.clear()
    yield
    cache.clear()


def member_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def anonymous_page(doc) -> str:
    response = Client().get(doc.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_rate_comment_reply_without_javascript(make_doc, reader, second, author):
    doc = make_doc()
    client = member_client(reader)
    url = reverse("reviews:rate", args=[doc.pk])
    response = client.post(url, {"stars": "4"})
    assert response.status_code == 302 and response["Location"].endswith("#reviews")
    page = client.get(response["Location"].split("#")[0])
    assert "Your rating: 4 of 5" in "".join(messages_of(page))
    assert 'value="4" required checked' in page.content.decode()
    response = client.post(reverse("reviews:comment", args=[doc.pk]), {"body": XSS})
    new = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{new.pk}")
    html = client.get(doc.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    other = member_client(second)
    other.post(reverse("reviews:comment", args=[doc.pk]), {"body": "同意", "parent": new.pk})
    html = other.get(doc.get_absolute_url()).content.decode()
    assert 'class="comment reply' in html and "同意" in html
    assert "rated 4 stars" in html  # the commenter's rating beside their comment


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"stars": "0"}, "Choose a rating from 1 to 5 stars."),
        ({"stars": "6"}, "Choose a rating from 1 to 5 stars."),
        ({"stars": "x"}, "Choose a rating from 1 to 5 stars."),
        ({}, "Choose a rating from 1 to 5 stars."),
    ],
)
def test_bad_ratings_get_a_clear_message(make_doc, reader, form, expected):
    doc = make_doc()
    client = member_client(reader)
    response = client.post(reverse("reviews:rate", args=[doc.pk]), form, follow=True)
    assert expected in messages_of(response)
    assert not Rating.objects.exists()


def test_bad_comments_get_a_clear_message(make_doc, reader, second):
    doc, other_doc = make_doc(), make_doc(title="另一份")
    top = services.comment(second, doc, "问题")
    reply = services.comment(second, doc, "回复", parent=top.pk)
    foreign = services.comment(second, other_doc, "别处")
    client = member_client(reader)
    url = reverse("reviews:comment", args=[doc.pk])
    cases = [
        ({"body": "  "}, "Write something first."),
        ({"body": "长" * 10_000}, "A comment is at most 2000 characters long."),
        ({"body": "x", "parent": reply.pk}, "Reply to the comment itself"),
        ({"body": "x", "parent": foreign.pk}, "That comment belongs to another document."),
    ]
    for form, expected in cases:
        response = client.post(url, form, follow=True)
        assert any(expected in m for m in messages_of(response)), (form, messages_of(response))
    assert Comment.objects.count() == 3


def test_own_document_shows_no_rating_form_and_refuses_one(make_doc, author):
    doc = make_doc()
    client = member_client(author)
    assert 'name="stars"' not in client.get(doc.get_absolute_url()).content.decode()
    response = client.post(reverse("reviews:rate", args=[doc.pk]), {"stars": "5"}, follow=True)
    assert "You cannot rate your own document." in messages_of(response)
    assert not Rating.objects.exists()


def test_second_account_cannot_touch_a_hidden_document(make_doc, reader):
    doc = make_doc(visibility="hidden")
    client = member_client(reader)
    assert client.post(reverse("reviews:rate", args=[doc.pk]), {"stars": "5"}).status_code == 404
    response = client.post(reverse("reviews:comment", args=[doc.pk]), {"body": "hi"})
    assert response.status_code == 404
    assert not Rating.objects.exists() and not Comment.objects.exists()


def test_anonymous_page_is_shared_without_forms_and_follows_every_change(
    make_doc, reader, staff, django_assert_num_queries
):
    doc = make_doc()
    doc.pages.update(rendered=True)  # a page with placeholders is never stored
    first = anonymous_page(doc)
    assert "csrfmiddlewaretoken" not in first and 'name="body"' not in first
    assert "Log in to rate or comment." in first
    with django_assert_num_queries(0):
        anonymous_page(doc)  # served from the shared cache
    client = member_client(reader)
    member_html = client.get(doc.get_absolute_url()).content.decode()
    assert 'name="body"' in member_html and "csrfmiddlewaretoken" in member_html
    client.post(reverse("reviews:comment", args=[doc.pk]), {"body": "新评论一条"})
    client.post(reverse("reviews:rate", args=[doc.pk]), {"stars": "5"})
    after = anonymous_page(doc)
    assert "新评论一条" in after and "5.0 of 5 from 1 rating" in after
    assert "csrfmiddlewaretoken" not in after and "reader" in after  # the author's public name
    target = Comment.objects.get()
    staff_client = member_client(staff)
    staff_client.post(
        reverse("reviews:moderate", args=[target.pk]), {"action": "hide", "reason": "spam"}
    )
    assert "新评论一条" not in anonymous_page(doc)
    assert AuditEntry.objects.filter(action="comment_hidden").count() == 1


def test_search_lists_and_sorts_by_rating(make_doc, reader, second):
    from wenku.search.services import search, sync_document

    low, high, none = (make_doc(title=f"职业教育材料{n}") for n in "甲乙丙")
    for doc in (low, high, none):
        sync_document(doc)
    services.rate(reader, low, 2)
    services.rate(reader, high, 5)
    services.rate(second, high, 4)
    found = search("职业教育", sort="rating")
    assert [r.document.pk for r in found.results] == [high.pk, low.pk, none.pk]
    browse = search("职", sort="rating")  # one character: the title-only path
    assert [r.document.pk for r in browse.results] == [high.pk, low.pk, none.pk]
    html = Client().get("/search/", {"q": "职业教育", "sort": "rating"}).content.decode()
    assert "★ 4.5 (2 ratings)" in html


def test_comments_are_rate_limited_per_member(make_doc, reader, settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "now", lambda: 1_800_000_000.0)
    settings.WENKU_RATELIMIT = True
    settings.WENKU_RATE_LIMITS = {"comment": (2, 600)}
    doc = make_doc()
    client = member_client(reader)
    url = reverse("reviews:comment", args=[doc.pk])
    codes = [client.post(url, {"body": f"第{n}条"}).status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert Comment.objects.count() == 2


def test_report_form(make_doc, reader, second):
    doc = make_doc()
    target = services.comment(second, doc, "广告 加微信")
    client = member_client(reader)
    url = reverse("reviews:report", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200 and "广告 加微信" in page.content.decode()
    empty = client.post(url, {"details": ""})
    assert empty.status_code == 400 and "Describe the problem." in empty.content.decode()
    done = client.post(url, {"details": "广告"}, follow=True)
    assert "Thank you: staff will review the comment." in messages_of(done)
    complaint = Complaint.objects.get()
    assert complaint.kind == "comment" and complaint.comment_pk == target.pk
    # Staff see the comment on the case page and hide it from there.
    services.hide  # noqa: B018 - the case page's action goes through the moderation port
    assert Client().get(url).status_code == 302  # anonymous: to the log-in page


def test_report_of_a_hidden_comment_is_404(make_doc, reader, second, staff):
    doc = make_doc()
    target = services.comment(second, doc, "x")
    services.hide(staff, target.pk, "spam")
    assert member_client(reader).get(reverse("reviews:report", args=[target.pk])).status_code == 404


def test_helpful_vote_from_the_page(make_doc, reader, second):
    doc = make_doc()
    target = services.comment(second, doc, "有用的评论")
    client = member_client(reader)
    client.post(reverse("reviews:helpful", args=[target.pk]))
    client.post(reverse("reviews:helpful", args=[target.pk]))
    target.refresh_from_db()
    assert target.helpful_count == 1
    html = client.get(doc.get_absolute_url() + "?corder=helpful").content.decode()
    assert re.search(r"1 found this helpful", html)
    own = member_client(second).post(reverse("reviews:helpful", args=[target.pk]), follow=True)
    assert "You cannot vote for your own comment." in messages_of(own)


def test_staff_see_and_hide_a_reported_comment_on_the_case_page(make_doc, reader, second, staff):
    doc = make_doc()
    target = services.comment(second, doc, "<b>加微信</b> 买答案")
    complaint = services.report(reader, target.pk, "广告").complaint
    client = member_client(staff)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert f"/queue/cases/{complaint.pk}/" in queue
    case = client.get(reverse("moderation:case", args=[complaint.pk]))
    html = case.content.decode()
    assert case.status_code == 200 and "&lt;b&gt;加微信&lt;/b&gt; 买答案" in html
    assert 'value="remove"' not in html and 'value="hide"' in html  # the comment's actions only
    client.post(
        reverse("moderation:case_action", args=[complaint.pk]), {"action": "hide", "reason": "广告"}
    )
    target.refresh_from_db()
    complaint.refresh_from_db()
    assert target.is_hidden and complaint.status == Complaint.Status.UPHELD
    assert "买答案" not in anonymous_page(doc)
    assert doc.title in anonymous_page(doc)  # the document stays


def test_chinese_page(make_doc, reader, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    doc = make_doc()
    services.rate(reader, doc, 4)
    html = anonymous_page(doc)
    assert "评分与评论" in html and "4.0 分（满分 5 分），共 1 人评分" in html
    assert "登录后即可评分或评论。" in html


def test_author_page_shows_the_rating_of_listed_documents_at_once(make_doc, reader, second, anon):
    """The author page (shared with every visitor) averages the ratings of the author's listed
    documents, each rating weighing the same, and follows a new rating or a hidden document
    without waiting for the cache to expire."""
    low, high = make_doc(title="职业教育材料甲"), make_doc(title="职业教育材料乙")
    url = reverse("web:profile", args=[low.owner.username])
    assert "not rated yet" in Client().get(url).content.decode()
    services.rate(reader, low, 2)
    services.rate(reader, high, 5)
    services.rate(second, high, 5)
    assert "4.0 of 5 (3 ratings)" in Client().get(url).content.decode()
    api = anon.get(f"/api/v1/authors/{low.owner.username}").json()
    assert api["rating_count"] == 3 and api["rating_average"] == 4.0
    set_visibility(high, "hidden")
    assert "2.0 of 5 (1 rating)" in Client().get(url).content.decode()
    assert anon.get(f"/api/v1/authors/{low.owner.username}").json()["rating_average"] == 2.0
