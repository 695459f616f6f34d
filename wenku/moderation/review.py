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
from wenku.library.services import set_visibility

from . import audit, blocklist, clock, conf, effects, notify, ports
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
    # Runs in its own savepoint (wenku.publishing.ready): a failure holds the document.
    _moderate(doc)


def _moderate(doc: Document) -> None:
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
    # The quality checks keep their own decision, so a re-check respects ours.
    ports.record_approval(doc, staff, clock.now())
    effects.publish(doc, actor=staff, reason=reason or _("Approved"), action="approved")
    notify.document_action(doc.owner, doc.title, doc.pk, _("published"), reason)


def reject(doc: Document, staff, reason: str) -> None:
    _decide(doc, ReviewHold.Decision.REJECTED)
    audit.log("rejected", actor=staff, document_pk=doc.pk, member_pk=doc.owner_id, reason=reason)
    effects.remove(doc, actor=staff, reason=reason)
