"""Ratings and comments through the services: the rules, and each attacker's try refused."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from wenku.library import signals
from wenku.library.models import Document
from wenku.moderation.filing import ComplaintError
from wenku.moderation.models import AuditEntry, Complaint, Message
from wenku.reviews import services
from wenku.reviews.models import Comment, HelpfulVote, Rating
from wenku.reviews.services import ReviewError

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_events():
    seen = []

    def receiver(**kwargs):
        seen.append(kwargs.get("document_id"))

    signals.document_page_changed.connect(receiver)
    yield seen
    signals.document_page_changed.disconnect(receiver)


def refused(code: str, call, *args, **kwargs) -> ReviewError:
    with pytest.raises(ReviewError) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value.code
    return caught.value


def test_rating_average_count_and_change(make_doc, reader, second):
    doc = make_doc()
    services.rate(reader, doc, 5)
    services.rate(second, doc, "2")
    doc.refresh_from_db()
    assert (doc.rating_count, doc.rating_average) == (2, 3.5)
    services.rate(reader, doc, 3)  # a change, not a second rating
    doc.refresh_from_db()
    assert (doc.rating_count, doc.rating_average) == (2, 2.5)
    assert Rating.objects.filter(document=doc).count() == 2
    assert doc.rating_score == pytest.approx((5 + 3.0 * 5) / 7)


@pytest.mark.parametrize("bad", [0, 6, "x", "", None, "3.5", -1, "5; drop"])
def test_rating_outside_one_to_five_is_refused_and_nothing_stored(make_doc, reader, bad):
    doc = make_doc()
    error = refused("bad_rating", services.rate, reader, doc, bad)
    assert error.field == "stars"
    assert not Rating.objects.exists()


def test_own_document_cannot_be_rated(make_doc, author):
    doc = make_doc()
    refused("own_document", services.rate, author, doc, 5)
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"visibility": Document.Visibility.HIDDEN},
        {"visibility": Document.Visibility.REMOVED},
        {"visibility": Document.Visibility.HELD},
        {"status": Document.Status.CONVERTING},
    ],
)
def test_unlisted_documents_take_no_rating_or_comment(make_doc, reader, author, change):
    doc = make_doc(**change)
    refused("not_found", services.rate, reader, doc, 4)
    refused("not_found", services.comment, reader, doc, "你好")
    # Even the owner, who still sees it, cannot collect comments on it.
    refused("closed", services.comment, author, doc, "你好")
    assert not Rating.objects.exists() and not Comment.objects.exists()
    assert services.top_level(reader, doc).count() == 0


def test_comments_of_a_document_hidden_later_are_shown_to_nobody_else(make_doc, reader, second):
    doc = make_doc()
    services.comment(reader, doc, "很有用")
    Document.objects.filter(pk=doc.pk).update(visibility=Document.Visibility.HIDDEN)
    doc.refresh_from_db()
    assert services.top_level(second, doc).count() == 0
    assert services.top_level(None, doc).count() == 0
    assert services.top_level(doc.owner, doc).count() == 1  # its owner still sees them


def test_anonymous_and_inactive_members_cannot_rate(make_doc, reader):
    doc = make_doc()
    refused("login_required", services.rate, None, doc, 4)
    reader.is_active = False
    reader.save()
    refused("login_required", services.comment, reader, doc, "hi")


def test_buyer_mark(make_doc, reader, second, monkeypatch):
    from wenku.library import access

    doc = make_doc()
    monkeypatch.setattr(access, "_purchase_checks", [lambda user, d: user.pk == reader.pk])
    assert services.rate(reader, doc, 4).buyer is True
    assert services.rate(second, doc, 4).buyer is False


def test_unique_constraint_holds_below_the_service(make_doc, reader):
    doc = make_doc()
    Rating.objects.create(document=doc, member=reader, stars=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(document=doc, member=reader, stars=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(document=make_doc(title="另一份"), member=reader, stars=9)


def test_comment_text_is_stored_as_typed_and_limited(make_doc, reader):
    doc = make_doc()
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    stored = services.comment(reader, doc, payload)
    assert stored.body == payload  # text, escaped where it is shown
    refused("empty", services.comment, reader, doc, "   \n\t ")
    refused("empty", services.comment, reader, doc, "\x00\x01")
    refused("too_long", services.comment, reader, doc, "字" * 10_000)
    assert services.comment(reader, doc, "字" * services.MAX_COMMENT).body == "字" * 2000
    assert Comment.objects.count() == 2


def test_replies_one_level_same_document_not_hidden(make_doc, reader, second, staff):
    doc, other = make_doc(), make_doc(title="另一份")
    top = services.comment(reader, doc, "问题")
    reply = services.comment(second, doc, "回答", parent=top.pk)
    assert reply.parent_id == top.pk
    refused("reply_to_reply", services.comment, reader, doc, "再答", parent=reply.pk)
    refused("bad_parent", services.comment, reader, other, "错文档", parent=top.pk)
    refused("bad_parent", services.comment, reader, doc, "不存在", parent=999999)
    refused("bad_parent", services.comment, reader, doc, "乱写", parent="abc")
    services.hide(staff, top.pk, "spam")
    error = refused("bad_parent", services.comment, second, doc, "回复隐藏的", parent=top.pk)
    assert error.status == 404
    assert Comment.objects.count() == 2


def test_order_newest_and_most_helpful(make_doc, reader, second, staff):
    doc = make_doc()
    first = services.comment(reader, doc, "第一")
    later = services.comment(reader, doc, "第二")
    services.vote_helpful(second, first.pk)
    services.vote_helpful(staff, first.pk)
    assert [c.pk for c in services.top_level(None, doc, "newest")] == [later.pk, first.pk]
    assert [c.pk for c in services.top_level(None, doc, "helpful")] == [first.pk, later.pk]


def test_helpful_vote_once_per_member_never_own(make_doc, reader, second):
    doc = make_doc()
    target = services.comment(reader, doc, "有用")
    services.vote_helpful(second, target.pk)
    services.vote_helpful(second, target.pk)  # again: still one vote
    target.refresh_from_db()
    assert target.helpful_count == 1 and HelpfulVote.objects.count() == 1
    refused("own_comment", services.vote_helpful, reader, target.pk)
    services.vote_helpful(second, target.pk, helpful=False)
    target.refresh_from_db()
    assert target.helpful_count == 0


def test_author_is_notified_of_comments_and_replies(make_doc, author, reader, second):
    doc = make_doc()
    top = services.comment(reader, doc, "<b>好文</b>")
    services.comment(second, doc, "同意", parent=top.pk)
    services.comment(author, doc, "谢谢", parent=top.pk)  # the author's own: no message to self
    to_author = Message.objects.filter(recipient=author)
    assert to_author.count() == 2
    assert "<b>好文</b>" in to_author.order_by("pk").first().body
    assert Message.objects.filter(recipient=reader).count() == 2  # two replies to reader's


def test_staff_hide_is_audited_and_hides_replies(make_doc, reader, second, staff, page_events):
    doc = make_doc()
    top = services.comment(reader, doc, "广告")
    services.comment(second, doc, "回复", parent=top.pk)
    refused("forbidden", services.hide, second, top.pk, "不喜欢")
    refused("reason_required", services.hide, staff, top.pk, " ")
    assert services.hide(staff, top.pk, "广告") is True
    assert services.hide(staff, top.pk, "again") is False
    entry = AuditEntry.objects.get(action="comment_hidden")
    assert entry.actor_pk == staff.pk and entry.document_pk == doc.pk
    assert entry.member_pk == reader.pk and entry.data["comment"] == top.pk
    assert services.top_level(second, doc).count() == 0
    assert services.top_level(staff, doc).count() == 1  # staff see it, marked hidden
    refused("not_found", services.vote_helpful, second, top.pk)
    assert doc.pk in page_events
    assert services.show(staff, top.pk, "误判") is True
    assert AuditEntry.objects.filter(action="comment_shown").count() == 1
    assert services.top_level(second, doc).count() == 1


def test_report_files_a_comment_complaint_once(make_doc, reader, second, staff):
    doc = make_doc()
    target = services.comment(reader, doc, "骂人的话")
    refused("own_comment", services.report, reader, target.pk, "自己")
    filed = services.report(second, target.pk, "人身攻击")
    again = services.report(second, target.pk, "人身攻击")
    assert not filed.duplicate and again.duplicate
    complaint = Complaint.objects.get()
    assert complaint.kind == "comment" and complaint.comment_pk == target.pk
    with pytest.raises(ComplaintError) as caught:
        services.report(staff, target.pk, "  ")
    assert caught.value.code == "incomplete" and Complaint.objects.count() == 1
    services.hide(staff, target.pk, "x")
    refused("not_found", services.report, second, target.pk, "再报")


def test_staff_decide_the_comment_case(make_doc, reader, second, staff):
    from wenku.moderation import services as moderation

    doc = make_doc()
    target = services.comment(reader, doc, "垃圾广告 加微信")
    complaint = services.report(second, target.pk, "广告").complaint
    moderation.act(staff, "hide", complaint=complaint, reason="广告")
    target.refresh_from_db()
    complaint.refresh_from_db()
    assert target.is_hidden and complaint.status == Complaint.Status.UPHELD
    doc.refresh_from_db()
    assert doc.is_listed  # the document itself stays up
    assert AuditEntry.objects.filter(action="comment_hidden", complaint=complaint).exists()


def test_deleted_account(make_doc, reader, second):
    """Accounts are closed by deactivation (the ledger keeps every member's rows): a closed
    account's comments stay, named "deleted account"; it rates and comments no more."""
    doc = make_doc()
    services.rate(reader, doc, 1)
    top = services.comment(reader, doc, "走了")
    reader.is_active = False
    reader.save()
    shown = services.top_level(None, doc).get()
    with translation.override("en"):
        assert services.author_name(shown) == "deleted account"
        assert services.summary(top.pk)["author"] == "deleted account"
    with translation.override("zh-hans"):
        assert services.author_name(shown) == "已注销账号"
    refused("login_required", services.rate, reader, doc, 5)
    services.comment(second, doc, "回复仍可", parent=top.pk)  # no inbox message to a closed one
    assert not Message.objects.filter(recipient=reader).exists()


def test_comment_count_follows_new_hidden_and_shown_comments(make_doc, reader, second, staff):
    doc = make_doc()
    top = services.comment(reader, doc, "一")
    services.comment(second, doc, "二")
    services.comment(second, doc, "回复不计", parent=top.pk)
    doc.refresh_from_db()
    assert doc.comment_count == 2 and services.comments_page(None, doc).count == 2
    services.hide(staff, top.pk, "x")
    doc.refresh_from_db()
    assert doc.comment_count == 1
    page = services.comments_page(second, doc)
    assert page.count == 1 and len(page.threads) == 1
    assert services.comments_page(staff, doc).count == 2  # staff count the hidden one too
    services.show(staff, top.pk, "y")
    doc.refresh_from_db()
    assert doc.comment_count == 2
