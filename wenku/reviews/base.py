"""What the reviews modules share: the refusals, who counts as a member, which documents take
ratings and comments, the page-cache signal and how a comment's author is named."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from wenku.library import access, signals
from wenku.library.models import Document
from wenku.library.refusals import Refusal

from .models import Comment, Rating


class ReviewError(Refusal):
    code, status = "review_error", 400


class NotFound(ReviewError):
    code, status = "not_found", 404
    default_message = _("This document or comment does not exist or is not available.")


class Closed(ReviewError):
    code, status = "closed", 403
    default_message = _("This document takes no ratings or comments at the moment.")


class LoginRequired(ReviewError):
    code, status = "login_required", 401
    default_message = _("Log in to rate or comment.")


def is_member(user: Any) -> bool:
    return (
        user is not None
        and not isinstance(user, AnonymousUser)
        and bool(getattr(user, "is_authenticated", False))
        and bool(getattr(user, "is_active", True))
    )


def open_document(user: Any, doc: Document | int | str | None) -> Document:
    """The document a member may rate or comment on; refusals otherwise."""
    if not is_member(user):
        raise LoginRequired()
    if not isinstance(doc, Document):
        try:
            doc = Document.objects.filter(pk=int(str(doc))).first()
        except (TypeError, ValueError):
            doc = None
    if doc is None or not access.can_view(user, doc):
        raise NotFound()
    if not doc.is_listed:
        raise Closed()
    return doc


def may_see(user: Any, doc: Document) -> bool:
    """Whether this viewer sees the document's comments at all."""
    return doc.is_listed or access.can_manage(user, doc)


def page_changed(doc_id: int, *, lists: bool = False) -> None:
    """Sent at once: the page cache's receivers bump their stamps now and again after commit
    (wenku.web.stamps.bump), so a page rendered in between is never kept either."""
    signals.document_page_changed.send(sender=Comment, document_id=doc_id)
    if lists:  # averages show in lists and search results too
        signals.listing_changed.send(sender=Rating)


def refresh_comment_count(doc_id: int) -> None:
    """Document.comment_count: its visible top-level comments (callers hold the row's lock)."""
    shown = Comment.objects.filter(document_id=doc_id, parent__isnull=True, hidden_at__isnull=True)
    Document.objects.filter(pk=doc_id).update(comment_count=shown.count())


def lock_document(doc_id: int) -> None:
    """Changes to one document's ratings or comments, one after another (exact totals)."""
    Document.objects.select_for_update().filter(pk=doc_id).values_list("pk").first()


def author_name(found: Comment) -> str:
    if found.author is None or not found.author.is_active:
        return str(_("deleted account"))
    return found.author.shown_name
