"""Staff on one member: strikes, bans and history in one place, and the four actions on a
member — add a strike, withdraw one given in error, ban, lift a ban. Nothing is deleted:
a withdrawn strike and a lifted ban keep their rows, and every action is an audit row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wenku.library.models import Document

from . import blocklist, conf, notify
from .actions import ban_member, strike_member
from .filing import ComplaintError
from .models import AuditEntry, Ban, Complaint, Strike

MEMBER_ACTIONS = {
    "strike": gettext_lazy("Add a strike"),
    "withdraw_strike": gettext_lazy("Withdraw the strike"),
    "ban": gettext_lazy("Ban the member"),
    "lift_ban": gettext_lazy("Lift the ban"),
}


def summary(member) -> dict:
    """What the member page shows."""
    from .services import held_points  # services re-exports this module

    return {
        "member": member,
        "strikes": list(Strike.objects.filter(member_id=member.pk)),
        "strike_count": blocklist.strike_count(member),
        "strike_limit": conf.int_setting("WENKU_STRIKE_LIMIT"),
        "bans": list(Ban.objects.filter(member_id=member.pk).order_by("-created_at")),
        "banned": blocklist.is_banned(member),
        "upload_banned": blocklist.upload_banned(member),
        "held_points": held_points(member),
        "documents": Document.objects.filter(owner_id=member.pk).count(),
        "complaints": Complaint.objects.filter(items__uploader_id=member.pk).distinct().count(),
        "history": AuditEntry.objects.filter(member_pk=member.pk).order_by("at", "id"),
    }


def act_on_member(staff, member, action: str, reason: str, *, strike_id: int | None = None):
    """Carry out one action on a member; returns a sentence for the staff member."""
    if not (staff and staff.is_authenticated and staff.is_staff):
        raise ComplaintError("forbidden", _("Only staff may moderate."), status=403)
    if action not in MEMBER_ACTIONS:
        raise ComplaintError("bad_action", _("Unknown action."), field="action")
    reason = (reason or "").strip()
    if not reason:
        raise ComplaintError("reason_required", _("Give a reason."), field="reason")
    with transaction.atomic():
        # One action at a time per member: two staff lifting one ban record it once.
        member = get_user_model().objects.select_for_update().get(pk=member.pk)
        if action == "strike":
            strike_member(staff, member, reason)
            return _("Strike added.")
        if action == "withdraw_strike":
            strike = Strike.objects.filter(pk=strike_id, member_id=member.pk).first()
            if strike is None:
                raise ComplaintError("no_strike", _("Choose a strike of this member."), 404)
            if not blocklist.withdraw_strike(strike, actor=staff, reason=reason):
                done = _("That strike is withdrawn already.")
                raise ComplaintError("already_withdrawn", done, 409)
            notify.member_action(member, _("a strike was withdrawn"), reason)
            return _("Strike withdrawn.")
        if action == "ban":
            if blocklist.is_banned(member):
                raise ComplaintError("already_banned", _("The member is banned already."), 409)
            ban_member(staff, member, reason)
            return _("Member banned.")
        if not blocklist.lift_ban(member, actor=staff, reason=reason):
            raise ComplaintError("not_banned", _("The member is not banned."), 409)
        notify.member_action(member, _("the ban was lifted"), reason)
        return _("Ban lifted.")
