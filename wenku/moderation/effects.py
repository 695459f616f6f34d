"""The state changes a moderation decision has on documents, money and complaints.

Each function makes one change and writes its audit row; filing.py and actions.py combine
them. Visibility always goes through library.services.set_visibility, so search (and the
wallet's upload reward) follow.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from wenku.library.models import Document
from wenku.library.services import set_visibility

from . import audit, blocklist, clock, notify, ports
from .models import Complaint, ComplaintItem, RevenueHold

Visibility = Document.Visibility
State = ComplaintItem.State
ACTIVE_TAKEDOWN = (State.TAKEN_DOWN, State.COUNTERED)


def set_status(complaint: Complaint, status: str, *, actor=None, reason: str = "") -> None:
    if complaint.status == status:
        return
    before = complaint.status
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    complaint.status = status
    audit.log(
        "status_changed",
        actor=actor,
        complaint=complaint,
        reason=reason,
        **{"from": before, "to": status},
    )


def _visibility(doc: Document, visibility: str, *, actor, complaint, action: str, reason: str):
    before = doc.visibility
    if before != visibility:
        set_visibility(doc, visibility)
    audit.log(
        action,
        actor=actor,
        complaint=complaint,
        document_pk=doc.pk,
        member_pk=doc.owner_id,
        reason=reason,
        **{"from": before, "to": visibility},
    )


def other_takedown(doc_pk: int, item: ComplaintItem | None = None) -> ComplaintItem | None:
    """Another notice that keeps this document down (so a restore here must not publish it)."""
    others = ComplaintItem.objects.filter(document_number=doc_pk).filter(
        Q(state__in=ACTIVE_TAKEDOWN) | Q(complaint__status=Complaint.Status.LEGAL_ACTION)
    )
    others = others.exclude(state__in=[State.RESTORED, State.REMOVED])
    if item is not None:
        others = others.exclude(pk=item.pk)
    return others.first()


def take_down(item: ComplaintItem, *, actor=None) -> None:
    """Hide the document at once (notice-and-takedown), hold its revenue, block its copies."""
    doc = item.document
    notice = item.complaint
    if doc is None:
        return
    earlier = other_takedown(doc.pk, item)
    item.previous_visibility = earlier.previous_visibility if earlier else doc.visibility
    item.state = State.TAKEN_DOWN
    item.save(update_fields=["previous_visibility", "state"])
    if doc.visibility in (Visibility.PUBLIC, Visibility.HELD):
        _visibility(
            doc,
            Visibility.HIDDEN,
            actor=actor,
            complaint=notice,
            action="takedown",
            reason=_("Copyright notice"),
        )
    else:  # already hidden (another notice, staff): recorded, nothing to change
        audit.log(
            "takedown",
            actor=actor,
            complaint=notice,
            document_pk=doc.pk,
            member_pk=doc.owner_id,
            reason=_("Copyright notice"),
            already=doc.visibility,
        )
    hold_revenue(notice, doc, actor=actor)
    blocklist.block(notice, doc, actor=actor)


def hold_revenue(notice: Complaint, doc: Document, *, actor=None) -> RevenueHold:
    """Hold what the author earned from the document (the wallet credited it at sale)."""
    earned = ports.author_earnings(doc.pk)
    hold, created = RevenueHold.objects.get_or_create(
        complaint=notice,
        document_pk=doc.pk,
        defaults={"author_id": doc.owner_id, "points": int(earned or 0), "created_at": clock.now()},
    )
    if created:
        audit.log(
            "revenue_held",
            actor=actor,
            complaint=notice,
            document_pk=doc.pk,
            member_pk=doc.owner_id,
            points=hold.points,
        )
    return hold


def close_holds(notice: Complaint, doc_pk: int, state: str, *, actor=None, reason="") -> None:
    holds = RevenueHold.objects.filter(
        complaint=notice, document_pk=doc_pk, state=RevenueHold.State.HELD
    )
    for hold in holds:
        hold.state = state
        hold.closed_at = clock.now()
        hold.save(update_fields=["state", "closed_at"])
        action = "revenue_released" if state == RevenueHold.State.RELEASED else "revenue_forfeited"
        audit.log(
            action,
            actor=actor,
            complaint=notice,
            document_pk=doc_pk,
            member_pk=hold.author_id,
            reason=reason,
            points=hold.points,
        )


def restore_item(item: ComplaintItem, *, actor=None, reason: str) -> bool:
    """Undo a takedown (counter-notice waiting period over, notice rejected, staff).
    Returns True if the document became visible again."""
    notice = item.complaint
    item.state = State.RESTORED
    item.restore_due_at = None
    item.save(update_fields=["state", "restore_due_at"])
    blocklist.lift(notice, item.document_number, actor=actor, reason=reason)
    close_holds(
        notice, item.document_number, RevenueHold.State.RELEASED, actor=actor, reason=reason
    )
    doc = item.document
    if doc is None or doc.visibility != Visibility.HIDDEN:
        return False
    if other_takedown(doc.pk, item) is not None:
        audit.log(
            "restored",
            actor=actor,
            complaint=notice,
            document_pk=doc.pk,
            reason=reason,
            kept_hidden=_("another notice keeps it hidden"),
        )
        return False
    # Back to what it was before the takedown, never more public: a document staff hid (or
    # removed) stays so, a held one waits for its review again. No record: stays hidden.
    target = item.previous_visibility or Visibility.HIDDEN
    if target in (Visibility.HIDDEN, Visibility.REMOVED):
        audit.log(
            "restored",
            actor=actor,
            complaint=notice,
            document_pk=doc.pk,
            reason=reason,
            kept_hidden=_("it was not public before the notice"),
        )
        return False
    _visibility(doc, target, actor=actor, complaint=notice, action="restored", reason=reason)
    return True


def note_staff_visibility(doc_pk: int, visibility: str) -> None:
    """Staff hid or removed a document while notices keep it down: when those notices are
    restored, it returns to what staff decided, not to what it was before the notices."""
    if visibility in (Visibility.HIDDEN, Visibility.REMOVED):
        ComplaintItem.objects.filter(document_number=doc_pk, state__in=ACTIVE_TAKEDOWN).update(
            previous_visibility=visibility
        )


def hide(doc: Document, *, actor, complaint=None, reason: str) -> None:
    note_staff_visibility(doc.pk, Visibility.HIDDEN)
    if complaint is not None:
        complaint.items.filter(document_number=doc.pk).update(
            state=State.HIDDEN, previous_visibility=doc.visibility
        )
    _visibility(
        doc, Visibility.HIDDEN, actor=actor, complaint=complaint, action="hidden", reason=reason
    )
    notify.document_action(doc.owner, doc.title, doc.pk, _("hidden"), reason, complaint)


def remove(doc: Document, *, actor, complaint=None, reason: str) -> None:
    note_staff_visibility(doc.pk, Visibility.REMOVED)
    if complaint is not None:
        complaint.items.filter(document_number=doc.pk).update(state=State.REMOVED)
        close_holds(complaint, doc.pk, RevenueHold.State.FORFEITED, actor=actor, reason=reason)
    _visibility(
        doc, Visibility.REMOVED, actor=actor, complaint=complaint, action="removed", reason=reason
    )
    notify.document_action(doc.owner, doc.title, doc.pk, _("removed"), reason, complaint)


def publish(doc: Document, *, actor, complaint=None, reason: str, action: str) -> None:
    _visibility(
        doc, Visibility.PUBLIC, actor=actor, complaint=complaint, action=action, reason=reason
    )


def refund(purchase, *, actor=None, complaint=None, reason: str) -> bool:
    """Refund one purchase; the wallet makes it exactly once. True if points moved now."""
    txn = ports.refund_purchase(purchase, memo=reason[:200])
    if txn is None:
        audit.log(
            "refund_skipped",
            actor=actor,
            complaint=complaint,
            document_pk=purchase.document_id,
            member_pk=purchase.buyer_id,
            reason=_("already refunded or free"),
            purchase=purchase.pk,
        )
        return False
    audit.log(
        "refunded",
        actor=actor,
        complaint=complaint,
        document_pk=purchase.document_id,
        member_pk=purchase.buyer_id,
        reason=reason,
        purchase=purchase.pk,
        points=purchase.price,
        transaction=txn.pk,
    )
    notify.refunded(purchase, purchase.price, complaint)
    return True


def refund_buyers(doc_pk: int, *, actor=None, complaint=None, reason: str) -> int:
    """Refund every paid purchase of a document (each exactly once). Returns refunds made."""
    buyers = ports.paid_purchases(doc_pk)
    return sum(refund(p, actor=actor, complaint=complaint, reason=reason) for p in buyers)
