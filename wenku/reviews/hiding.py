"""Staff hide a comment (its replies with it) or show it again, audited in the moderation log;
the moderation case page reads a reported comment through summary()."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenku.moderation import services as moderation

from .base import (
    NotFound,
    ReviewError,
    author_name,
    is_member,
    lock_document,
    page_changed,
    refresh_comment_count,
)
from .models import Comment
from .text import plain_text

MAX_REASON = 500


def hide(staff: Any, pk: object, reason: object, complaint: Any = None) -> bool:
    """Staff hide a comment (its replies with it); False if it was hidden already."""
    _require_staff(staff)
    why = plain_text(str(reason or ""))[:MAX_REASON]
    if not why:
        raise ReviewError(_("Give a reason."), code="reason_required", field="reason")
    with transaction.atomic():
        target = _locked(pk)
        if target.is_hidden:
            return False
        Comment.objects.filter(pk=target.pk).update(hidden_at=timezone.now(), hidden_reason=why)
        lock_document(target.document_id)
        refresh_comment_count(target.document_id)
        moderation.audit_log(
            "comment_hidden",
            actor=staff,
            complaint=complaint,
            document_pk=target.document_id,
            member_pk=target.author_id,
            reason=why,
            comment=target.pk,
        )
    page_changed(target.document_id)
    return True


def show(staff: Any, pk: object, reason: object) -> bool:
    """Staff show a hidden comment again; False if it was not hidden."""
    _require_staff(staff)
    why = plain_text(str(reason or ""))[:MAX_REASON]
    if not why:
        raise ReviewError(_("Give a reason."), code="reason_required", field="reason")
    with transaction.atomic():
        target = _locked(pk)
        if not target.is_hidden:
            return False
        Comment.objects.filter(pk=target.pk).update(hidden_at=None, hidden_reason="")
        lock_document(target.document_id)
        refresh_comment_count(target.document_id)
        moderation.audit_log(
            "comment_shown",
            actor=staff,
            document_pk=target.document_id,
            member_pk=target.author_id,
            reason=why,
            comment=target.pk,
        )
    page_changed(target.document_id)
    return True


def _require_staff(user: Any) -> None:
    if not (is_member(user) and user.is_staff):
        raise ReviewError(_("Only staff may hide comments."), code="forbidden", status=403)


def _locked(pk: object) -> Comment:
    try:
        target = Comment.objects.select_for_update().filter(pk=int(str(pk))).first()
    except (TypeError, ValueError):
        target = None
    if target is None:
        raise NotFound()
    return target


def summary(pk: int) -> dict[str, Any] | None:
    """A comment as the moderation case page shows it (moderation.ports.comment_summary)."""
    found = Comment.objects.select_related("author").filter(pk=pk).first()
    if found is None:
        return None
    return {
        "id": found.pk,
        "body": found.body,
        "author": author_name(found),
        "author_pk": found.author_id,
        "created_at": found.created_at,
        "hidden": found.is_hidden,
        "document_pk": found.document_id,
    }
