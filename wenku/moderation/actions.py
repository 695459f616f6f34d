"""Staff actions on a case (a complaint) or on a document (pre-publication review).

    act(staff, "approve" | "reject" | "hide" | "restore" | "remove" | "refund" | "strike"
        | "ban" | "legal_action", complaint=…, document=…, reason=…)

"approve" upholds a complaint (what that means depends on its type) or publishes a held
document; "reject" dismisses a complaint (a copyright notice's documents come back) or
removes a held document. Every step is an audit row (effects.py).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenku.library.models import Document

from . import audit, blocklist, clock, counter, effects, notify, ports, review
from .filing import ComplaintError
from .models import Complaint, ComplaintItem

Kind, Status, State = Complaint.Kind, Complaint.Status, ComplaintItem.State
ACTIONS = {
    "approve": gettext_lazy("Approve"),
    "reject": gettext_lazy("Reject"),
    "hide": gettext_lazy("Hide"),
    "restore": gettext_lazy("Restore"),
    "remove": gettext_lazy("Remove"),
    "refund": gettext_lazy("Refund buyers"),
    "strike": gettext_lazy("Add a strike"),
    "ban": gettext_lazy("Ban the member"),
    "legal_action": gettext_lazy("Record legal action"),
}
COMMENT_ACTIONS = ("approve", "reject", "hide")  # a reported comment's case
NEEDS_REASON = {"reject", "hide", "restore", "remove", "strike", "ban", "legal_action"}


def _targets(complaint: Complaint | None, document: Document | None) -> list[ComplaintItem]:
    items = list(complaint.items.select_related("document", "uploader")) if complaint else []
    if document is not None and complaint is not None:
        items = [i for i in items if i.document_number == document.pk]
        if not items:
            raise ComplaintError("not_in_case", _("The document is not part of this case."))
    return items


def act(
    staff,
    action: str,
    *,
    complaint: Complaint | None = None,
    document: Document | None = None,
    reason: str = "",
    member=None,
) -> str:
    """Carry out one staff action; returns a sentence for the staff member."""
    if not (staff and staff.is_authenticated and staff.is_staff):
        raise ComplaintError("forbidden", _("Only staff may moderate."), status=403)
    if action not in ACTIONS:
        raise ComplaintError("bad_action", _("Unknown action."), field="action")
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        raise ComplaintError("reason_required", _("Give a reason."), field="reason")
    if complaint is None and document is None:
        raise ComplaintError("no_target", _("Choose a case or a document."))
    if action == "legal_action":
        counter.record_legal_action(staff, _notice_of(complaint), reason)
        return _("Legal action recorded.")
    with transaction.atomic():
        if complaint is not None:
            complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
            return _on_case(staff, action, complaint, document, reason, member)
        return _on_document(staff, action, document, reason, member)


def _notice_of(complaint: Complaint | None) -> Complaint:
    if complaint is None:
        raise ComplaintError("no_target", _("Choose a case or a document."))
    return complaint.notice if complaint.kind == Kind.COUNTER else complaint


def _docs(items: list[ComplaintItem]) -> list[Document]:
    return [i.document for i in items if i.document is not None]


def _on_case(staff, action, complaint, document, reason, member) -> str:
    items = _targets(complaint, document)
    if complaint.kind == Kind.COMMENT and action not in ("approve", "reject"):
        # A reported comment: hiding acts on the comment, never on the whole document (nor
        # on its uploader: strike or ban the comment's author from their member page).
        if action != "hide":
            raise ComplaintError("bad_action", _("Hide the comment, or decide the case."))
        action = "approve"  # hiding the reported comment upholds the report
    if action in ("approve", "reject"):
        if complaint.is_closed:
            raise ComplaintError("already_decided", _("This case is decided already."), 409)
        done = _decide(staff, action, complaint, items, reason)
        Complaint.objects.filter(pk=complaint.pk).update(
            decided_by=staff, decided_at=clock.now(), decision_reason=reason
        )
        audit.log(
            "approved" if action == "approve" else "rejected",
            actor=staff,
            complaint=complaint,
            reason=reason,
        )
        outcome = _("upheld") if action == "approve" else _("rejected")
        notify.decided(complaint, outcome, reason)
        return done
    if action == "restore":
        restored = sum(effects.restore_item(i, actor=staff, reason=reason) for i in items)
        left = complaint.items.filter(state__in=effects.ACTIVE_TAKEDOWN).exists()
        if complaint.kind == Kind.COPYRIGHT and not left:
            effects.set_status(complaint, Status.RESTORED, actor=staff, reason=reason)
        return _("%(count)d documents restored.") % {"count": restored}
    return _on_docs(staff, action, _docs(items), reason, member, complaint)


def _decide(staff, action: str, complaint: Complaint, items, reason: str) -> str:
    kind, approve = complaint.kind, action == "approve"
    why = reason or (_("Complaint upheld") if approve else _("Complaint rejected"))
    if kind == Kind.COUNTER:
        return _decide_counter(staff, approve, complaint, why)
    if not approve:
        if kind == Kind.COPYRIGHT:
            for item in items:
                if item.state in effects.ACTIVE_TAKEDOWN:
                    effects.restore_item(item, actor=staff, reason=why)
        effects.set_status(complaint, Status.REJECTED, actor=staff, reason=why)
        return _("The complaint is rejected.")
    if kind == Kind.COMMENT:
        ports.hide_comment(complaint.comment_pk, staff, why, complaint)
        effects.set_status(complaint, Status.UPHELD, actor=staff, reason=why)
        return _("The complaint is upheld: the comment is hidden.")
    if kind == Kind.DOWNLOAD:
        if complaint.purchase is not None:
            effects.refund(complaint.purchase, actor=staff, complaint=complaint, reason=why)
        effects.set_status(complaint, Status.REFUNDED, actor=staff, reason=why)
        return _("The purchase is refunded.")
    for item in items:
        doc = item.document
        if doc is None:
            continue
        if kind == Kind.COPYRIGHT:
            blocklist.block(complaint, doc, actor=staff)
            effects.remove(doc, actor=staff, complaint=complaint, reason=why)
            blocklist.add_strike(
                doc.owner, actor=staff, complaint=complaint, document_pk=doc.pk, reason=why
            )
        else:
            effects.hide(doc, actor=staff, complaint=complaint, reason=why)
            if kind == Kind.MISMATCH:
                effects.refund_buyers(doc.pk, actor=staff, complaint=complaint, reason=why)
    effects.set_status(complaint, Status.UPHELD, actor=staff, reason=why)
    return _("The complaint is upheld.")


def _decide_counter(staff, approve: bool, counter: Complaint, why: str) -> str:
    """Rejecting a counter-notice (e.g. not credible) cancels the scheduled restore;
    approving it restores the documents now instead of after the wait."""
    notice = counter.notice
    items = list(notice.items.filter(counter_notice=counter).select_related("document"))
    if approve:
        for item in items:
            if item.state in effects.ACTIVE_TAKEDOWN:
                effects.restore_item(item, actor=staff, reason=why)
        effects.set_status(counter, Status.UPHELD, actor=staff, reason=why)
    else:
        for item in items:
            if item.state == State.COUNTERED:
                item.state, item.restore_due_at = State.TAKEN_DOWN, None
                item.save(update_fields=["state", "restore_due_at"])
        effects.set_status(counter, Status.REJECTED, actor=staff, reason=why)
    left = notice.items.filter(state__in=effects.ACTIVE_TAKEDOWN)
    if not left.exists():
        effects.set_status(notice, Status.RESTORED, actor=staff, reason=why)
    elif not left.filter(state=State.COUNTERED).exists():
        effects.set_status(notice, Status.TAKEN_DOWN, actor=staff, reason=why)
    return _("The counter-notice is decided.")


def _on_document(staff, action: str, doc: Document, reason: str, member) -> str:
    if action == "approve":
        if doc.visibility != Document.Visibility.HELD:
            raise ComplaintError("not_held", _("The document is not waiting for review."), 409)
        review.approve(doc, staff, reason)
        return _("The document is published.")
    if action == "reject":
        review.reject(doc, staff, reason)
        return _("The document is rejected and removed.")
    if action == "restore":
        if effects.other_takedown(doc.pk) is not None:
            raise ComplaintError(
                "under_notice",
                _("A copyright notice keeps this document down: decide that case first."),
                status=409,
            )
        effects.publish(doc, actor=staff, reason=reason, action="restored")
        notify.document_action(doc.owner, doc.title, doc.pk, _("restored"), reason)
        return _("The document is public again.")
    return _on_docs(staff, action, [doc], reason, member, None)


def _on_docs(staff, action, docs: list[Document], reason, member, complaint) -> str:
    if action == "hide":
        for doc in docs:
            effects.hide(doc, actor=staff, complaint=complaint, reason=reason)
        return _("%(count)d documents hidden.") % {"count": len(docs)}
    if action == "remove":
        for doc in docs:
            effects.remove(doc, actor=staff, complaint=complaint, reason=reason)
        return _("%(count)d documents removed.") % {"count": len(docs)}
    if action == "refund":
        why = reason or _("Refunded by staff")
        if complaint is not None and complaint.kind == Kind.DOWNLOAD and complaint.purchase:
            done = int(
                effects.refund(complaint.purchase, actor=staff, complaint=complaint, reason=why)
            )
        else:
            done = sum(
                effects.refund_buyers(d.pk, actor=staff, complaint=complaint, reason=why)
                for d in docs
            )
        return _("%(count)d purchases refunded.") % {"count": done}
    members = [member] if member is not None else list({d.owner_id: d.owner for d in docs}.values())
    if action == "strike":
        for person in members:
            pk = next((d.pk for d in docs if d.owner_id == person.pk), None)
            strike_member(staff, person, reason, complaint=complaint, document_pk=pk)
        return _("Strike added.")
    if action == "ban":
        for person in members:
            ban_member(staff, person, reason, complaint=complaint)
        return _("Member banned.")
    raise ComplaintError("bad_action", _("Unknown action."), field="action")


def strike_member(staff, person, reason: str, *, complaint=None, document_pk=None) -> None:
    """A strike, and the member is told (from a case, a document or the member page)."""
    blocklist.add_strike(
        person, actor=staff, complaint=complaint, document_pk=document_pk, reason=reason
    )
    notify.member_action(person, _("a strike was added"), reason)


def ban_member(staff, person, reason: str, *, complaint=None) -> None:
    """A ban (never of staff), and the member is told."""
    if person.is_staff:
        raise ComplaintError("staff_member", _("Staff members cannot be banned here."))
    blocklist.ban(person, actor=staff, reason=reason, complaint=complaint)
    notify.member_action(person, _("banned"), reason)
