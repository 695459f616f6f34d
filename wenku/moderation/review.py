"""Pre-publication review (WENKU_PREPUBLICATION_REVIEW = off | new | all).

A converted document that the setting catches is held (visibility "held") until staff
approve or reject it. The quality checks hold documents the same way; the staff queue shows
both, and approving here also records the decision with the quality checks so a later
re-check does not hold the document again.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wenku.library.models import Document

from . import audit, blocklist, clock, conf, effects, notify
from .models import ReviewHold

log = logging.getLogger(__name__)
Visibility = Document.Visibility


def is_new_member(user) -> bool:
    days = conf.int_setting("WENKU_NEW_MEMBER_DAYS")
    return user.date_joined > clock.now() - dt.timedelta(days=days)


def needs_review(doc: Document) -> bool:
    mode = conf.review_mode()
    owner = doc.owner
    if mode == "off" or owner.is_staff:
        return False
    return mode == "all" or is_new_member(owner)


def on_ready(doc: Document) -> None:
    """After conversion and the quality checks (publishing.on_ready): refuse a blocked text,
    then hold the document for review when the setting asks for it."""
    try:
        _moderate(doc)
    except Exception:  # a moderation bug must not fail the conversion; staff see the log
        log.exception("moderation check of document %s failed", doc.pk)


def _moderate(doc: Document) -> None:
    from wenku.library.services import set_visibility

    if blocklist.check_converted(doc):
        return
    doc.refresh_from_db(fields=["visibility", "status"])
    if doc.visibility != Visibility.PUBLIC or not needs_review(doc):
        return
    hold, created = ReviewHold.objects.get_or_create(
        document=doc, defaults={"mode": conf.review_mode(), "created_at": clock.now()}
    )
    if not created and hold.decision == ReviewHold.Decision.APPROVED:
        return  # approved once; a re-conversion does not hold it again
    set_visibility(doc, Visibility.HELD)
    audit.log(
        "review_held",
        document_pk=doc.pk,
        member_pk=doc.owner_id,
        reason=_("Pre-publication review"),
        mode=hold.mode,
    )


def held_documents() -> QuerySet[Document]:
    """Converted documents waiting for a publication decision, oldest first."""
    return (
        Document.objects.filter(visibility=Visibility.HELD, status=Document.Status.READY)
        .select_related("owner")
        .order_by("created_at", "id")
    )


def _decide(doc: Document, decision: str) -> None:
    ReviewHold.objects.filter(document=doc).update(decision=decision, decided_at=clock.now())


def approve(doc: Document, staff, reason: str = "") -> None:
    _decide(doc, ReviewHold.Decision.APPROVED)
    try:  # the quality checks keep their own decision, so a re-check respects ours
        from wenku.quality.models import Report

        Report.objects.filter(document=doc, decision="").update(
            decision=Report.Decision.APPROVED, reviewed_by=staff, reviewed_at=clock.now()
        )
    except Exception:  # noqa: BLE001 - quality checks absent: nothing to record there
        log.debug("no quality report to update for %s", doc.pk)
    effects.publish(doc, actor=staff, reason=reason or _("Approved"), action="approved")
    notify.document_action(doc.owner, doc.title, doc.pk, _("published"), reason)


def reject(doc: Document, staff, reason: str) -> None:
    _decide(doc, ReviewHold.Decision.REJECTED)
    audit.log("rejected", actor=staff, document_pk=doc.pk, member_pk=doc.owner_id, reason=reason)
    effects.remove(doc, actor=staff, reason=reason)
