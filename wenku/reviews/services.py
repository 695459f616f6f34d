"""Ratings and comments: who may rate, comment, vote, report and hide, and what they see.

Rules (docs/decisions.md, "Ratings and comments"):
- Only members who may view a document rate or comment on it, and only while it is listed
  (public and ready): a hidden, removed, held or unconverted document accepts none, and shows
  its comments to its owner and staff only.
- One rating per member and document (the unique constraint; a second rating replaces the
  first); never on one's own document; marked "buyer" when the rater has bought it.
- Comments are plain text (escaped by the templates, returned as typed by the API), 1 to
  MAX_COMMENT characters, with one level of replies. New ones are rate-limited per member by
  wenku.security.ratelimit (the "comment" scope, on the URLs that post them).
- A "helpful" vote: one per member and comment, never on one's own.
- Staff hide a comment (and with it its replies), audited in the moderation log; members report
  one as a complaint of the kind "comment".
Every change that a reader of the document page sees sends library.signals after commit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wenku.library import access
from wenku.library.models import Document
from wenku.moderation import services as moderation

from .base import (  # noqa: F401 - public API
    Closed,
    LoginRequired,
    NotFound,
    ReviewError,
    author_name,
    is_member,
    lock_document,
    may_see,
    open_document,
    page_changed,
    refresh_comment_count,
)
from .hiding import hide, show, summary  # noqa: F401 - public API
from .models import Comment, HelpfulVote, Rating
from .text import plain_text

MAX_COMMENT = 2000
PER_PAGE = 20
ORDERS = ("newest", "helpful")
# The sort score is a damped average: PRIOR_WEIGHT imagined ratings of PRIOR_MEAN stars, so
# one 5-star rating does not outrank fifty ratings averaging 4.8.
PRIOR_MEAN, PRIOR_WEIGHT = 3.0, 5


# --- Ratings ---------------------------------------------------------------------------------


def parse_stars(value: object) -> int:
    try:
        stars = int(str(value).strip())
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ReviewError(_("Choose a rating from 1 to 5 stars."), code="bad_rating", field="stars")
    return stars


def sort_score(total: float, count: int) -> float:
    if not count:
        return 0.0
    return (total + PRIOR_MEAN * PRIOR_WEIGHT) / (count + PRIOR_WEIGHT)


def _refresh_totals(doc_id: int) -> None:
    totals = Rating.objects.filter(document_id=doc_id).aggregate(n=Count("id"), avg=Avg("stars"))
    count, average = totals["n"] or 0, float(totals["avg"] or 0)
    Document.objects.filter(pk=doc_id).update(
        rating_count=count,
        rating_average=round(average, 2),
        rating_score=sort_score(average * count, count),
    )


def rate(user: Any, doc: Document | int | str, stars: object) -> Rating:
    """Rate a document 1–5 (again: the rating changes). Racing requests of one member end in
    one row: an upsert on the unique (document, member) pair, with the document row locked so
    that the totals are computed from every committed rating."""
    stars = parse_stars(stars)
    doc = open_document(user, doc)
    if doc.owner_id == user.pk:
        raise ReviewError(_("You cannot rate your own document."), code="own_document", status=403)
    buyer = access.has_bought(user, doc)
    with transaction.atomic():
        lock_document(doc.pk)
        Rating.objects.bulk_create(
            [Rating(document=doc, member=user, stars=stars, buyer=buyer)],
            update_conflicts=True,
            unique_fields=["document", "member"],
            update_fields=["stars", "buyer", "updated_at"],
        )
        _refresh_totals(doc.pk)
    page_changed(doc.pk, lists=True)
    return Rating.objects.get(document=doc, member=user)


def rating_of(user: Any, doc: Document) -> Rating | None:
    if not is_member(user):
        return None
    return Rating.objects.filter(document=doc, member=user).first()


def on_rating_deleted(sender: object, instance: Rating, **_: object) -> None:
    """A member's account (or the rating) deleted: the totals follow."""
    if Document.objects.filter(pk=instance.document_id).exists():
        _refresh_totals(instance.document_id)
        page_changed(instance.document_id, lists=True)


# --- Comments --------------------------------------------------------------------------------


def clean_body(body: object) -> str:
    text = plain_text(str(body or ""), keep_newlines=True)
    if not text:
        raise ReviewError(_("Write something first."), code="empty", field="body")
    if len(text) > MAX_COMMENT:
        raise ReviewError(
            _("A comment is at most %(n)d characters long.") % {"n": MAX_COMMENT},
            code="too_long",
            field="body",
        )
    return text


def visible_comment(user: Any, pk: object) -> Comment:
    """A comment this viewer sees on its document's page (staff also see hidden ones)."""
    try:
        comment = Comment.objects.select_related("document", "parent").filter(pk=int(str(pk)))
        found = comment.first()
    except (TypeError, ValueError):
        found = None
    if found is None or not may_see(user, found.document):
        raise NotFound()
    staff = is_member(user) and user.is_staff
    if not staff and (found.is_hidden or (found.parent is not None and found.parent.is_hidden)):
        raise NotFound()
    return found


def comment(user: Any, doc: Document | int | str, body: object, parent: object = None) -> Comment:
    """Write a comment, or a reply to a top-level comment of the same document."""
    doc = open_document(user, doc)
    text = clean_body(body)
    parent_comment = None
    if parent not in (None, ""):
        try:
            parent_comment = visible_comment(user, parent)
        except NotFound:
            raise ReviewError(
                _("The comment you reply to does not exist or is hidden."),
                code="bad_parent",
                status=404,
                field="parent",
            ) from None
        if parent_comment.document_id != doc.pk:
            raise ReviewError(
                _("That comment belongs to another document."), code="bad_parent", field="parent"
            )
        if parent_comment.parent_id is not None:
            raise ReviewError(
                _("Reply to the comment itself: replies cannot be answered."),
                code="reply_to_reply",
                field="parent",
            )
        if parent_comment.is_hidden:
            raise ReviewError(
                _("The comment you reply to does not exist or is hidden."),
                code="bad_parent",
                status=404,
                field="parent",
            )
    with transaction.atomic():
        lock_document(doc.pk)
        new = Comment.objects.create(document=doc, author=user, parent=parent_comment, body=text)
        if parent_comment is None:
            refresh_comment_count(doc.pk)
        _notify(new, doc, parent_comment)
    page_changed(doc.pk)
    return new


def _notify(new: Comment, doc: Document, parent: Comment | None) -> None:
    """The document's author, and the author of the comment replied to, in their inbox."""
    url = doc.get_absolute_url() + f"#comment-{new.pk}"
    recipients: list[tuple[Any, str]] = []
    if doc.owner_id != new.author_id:
        recipients.append((doc.owner, "document"))
    if parent is not None and parent.author_id not in (None, new.author_id, doc.owner_id):
        recipients.append((parent.author, "reply"))
    for recipient, why in recipients:
        if recipient is None or not recipient.is_active:
            continue
        with translation.override(settings.LANGUAGE_CODE):  # the recipient's site
            if why == "document":
                subject = gettext("New comment on “%(title)s”") % {"title": doc.title[:150]}
            else:
                subject = gettext("A reply to your comment on “%(title)s”") % {
                    "title": doc.title[:150]
                }
            body = gettext("%(name)s wrote:\n\n%(text)s\n\nRead and answer it: %(url)s") % {
                "name": new.author.shown_name if new.author else "",
                "text": new.body[:500],
                "url": moderation.site_url(url),
            }
        moderation.send_message(recipient, subject, body, document_pk=doc.pk)


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass
class CommentPage:
    threads: list[Thread]
    count: int
    order: str
    page: int
    num_pages: int
    voted: set[int]


def _shown(user: Any) -> dict:
    """Filter of the comments a viewer sees: staff see hidden ones (marked), others do not."""
    if is_member(user) and user.is_staff:
        return {}
    return {"hidden_at__isnull": True}


def top_level(user: Any, doc: Document, order: str = "newest") -> QuerySet[Comment]:
    if not may_see(user, doc):
        return Comment.objects.none()
    shown = _shown(user)
    rows = Comment.objects.filter(document=doc, parent__isnull=True, **shown)
    ordering = (
        ("-helpful_count", "-created_at", "-id") if order == "helpful" else ("-created_at", "-id")
    )
    replies = Comment.objects.filter(**shown).select_related("author").order_by("created_at", "id")
    return (
        rows.select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="shown_replies"))
        .order_by(*ordering)
    )


def comments_page(user: Any, doc: Document, order: str = "newest", page: object = 1) -> CommentPage:
    """One page of top-level comments with their replies (oldest reply first)."""
    order = order if order in ORDERS else "newest"
    # Readers' count is the document's: a page without comments builds no query (building
    # one costs a member's document page more than its rendering). Staff also see the
    # hidden ones.
    if not may_see(user, doc):
        count = 0
    elif is_member(user) and user.is_staff:
        count = top_level(user, doc, order).count()
    else:
        count = doc.comment_count
    num_pages = max(1, -(-count // PER_PAGE))
    try:
        number = min(max(1, int(str(page))), num_pages)
    except (TypeError, ValueError):
        number = 1
    rows = top_level(user, doc, order)[(number - 1) * PER_PAGE : number * PER_PAGE] if count else []
    chosen = list(rows)
    threads = [Thread(c, list(getattr(c, "shown_replies", []))) for c in chosen]
    voted: set[int] = set()
    if is_member(user) and threads:
        ids = [t.comment.pk for t in threads] + [r.pk for t in threads for r in t.replies]
        voted = set(
            HelpfulVote.objects.filter(member=user, comment_id__in=ids).values_list(
                "comment_id", flat=True
            )
        )
    return CommentPage(threads, count, order, number, num_pages, voted)


def vote_helpful(user: Any, pk: object, helpful: bool = True) -> Comment:
    """Mark a comment helpful (once per member; helpful=False takes the vote back)."""
    if not is_member(user):
        raise LoginRequired()
    target = visible_comment(user, pk)
    if target.is_hidden or not target.document.is_listed:
        raise Closed()
    if target.author_id == user.pk:
        raise ReviewError(
            _("You cannot vote for your own comment."), code="own_comment", status=403
        )
    with transaction.atomic():
        # Votes of several members at once: counted one after another, so none is lost.
        Comment.objects.select_for_update().filter(pk=target.pk).values_list("pk").first()
        if helpful:
            try:
                with transaction.atomic():
                    HelpfulVote.objects.create(comment=target, member=user)
            except IntegrityError:
                pass  # voted already (or a racing second request): one vote
        else:
            HelpfulVote.objects.filter(comment=target, member=user).delete()
        count = HelpfulVote.objects.filter(comment=target).count()
        Comment.objects.filter(pk=target.pk).update(helpful_count=count)
    target.helpful_count = count
    page_changed(target.document_id)
    return target


def report(user: Any, pk: object, details: object) -> Any:
    """Report a comment to staff: a complaint of the kind "comment" (one per member and
    comment; reporting again returns the first)."""
    if not is_member(user):
        raise LoginRequired()
    target = visible_comment(user, pk)
    if target.author_id == user.pk:
        raise ReviewError(_("You cannot report your own comment."), code="own_comment", status=403)
    text = plain_text(str(details or ""), keep_newlines=True)[:2000]
    return moderation.file_comment_report(user, target.document, target.pk, details=text)
