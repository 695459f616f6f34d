"""Writing the audit log: one row per action and per state change, never edited.

Actions are short stable codes (ACTIONS); the page shows their labels. `reason` is the why
(staff's words, or the rule that fired); `data` is the what (from/to states, amounts).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from . import clock
from .models import AuditEntry, Complaint

ACTIONS = {
    "complaint_filed": _("Complaint received"),
    "duplicate_received": _("Same complaint received again"),
    "status_changed": _("Status changed"),
    "takedown": _("Document taken down"),
    "revenue_held": _("Author's revenue held"),
    "revenue_released": _("Author's revenue released"),
    "revenue_forfeited": _("Author's revenue kept on hold"),
    "fingerprint_blocked": _("File and text added to the block list"),
    "block_lifted": _("Block list entries lifted"),
    "counter_notice_filed": _("Counter-notice received"),
    "restore_scheduled": _("Restore scheduled"),
    "legal_action_recorded": _("Legal action recorded"),
    "restored": _("Document restored"),
    "hidden": _("Document hidden"),
    "removed": _("Document removed"),
    "refunded": _("Purchase refunded"),
    "refund_skipped": _("Refund not needed"),
    "approved": _("Approved"),
    "rejected": _("Rejected"),
    "strike_added": _("Strike added"),
    "strike_withdrawn": _("Strike withdrawn"),
    "member_banned": _("Member banned"),
    "ban_lifted": _("Ban lifted"),
    "upload_refused": _("Upload refused"),
    "review_held": _("Held for pre-publication review"),
    "notified": _("Notification sent"),
    "comment_hidden": _("Comment hidden"),
    "comment_shown": _("Comment shown again"),
}


def log(
    action: str,
    *,
    actor: object = None,
    complaint: Complaint | None = None,
    document_pk: int | None = None,
    member_pk: int | None = None,
    reason: str = "",
    **data: object,
) -> AuditEntry:
    """Append one row. `actor` None (or anonymous) means the system (the tick, the pipeline)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    known = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        at=clock.now(),
        actor_pk=actor.pk if known else None,
        actor_name=(actor.get_username() if known else "system")[:150],
        action=action,
        complaint=complaint,
        document_pk=document_pk,
        member_pk=member_pk,
        reason=str(reason)[:5000],
        data={k: v for k, v in data.items() if v is not None},
    )


def label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def history(*, complaint: Complaint | None = None, document_pk: int | None = None) -> QuerySet:
    """The rows about a complaint (and its counter-notices) or a document, oldest first."""
    match = Q(pk__in=[])
    if complaint is not None:
        match |= Q(complaint=complaint) | Q(complaint__notice=complaint)
    if document_pk is not None:
        match |= Q(document_pk=document_pk)
    return AuditEntry.objects.filter(match).order_by("at", "id")
