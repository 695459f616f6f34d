"""Repeat infringers and re-uploads: the fingerprint block list, strikes and bans.

A takedown puts the document's file SHA-256 and normalised-text SHA-256 on the block list.
The file hash is checked at upload (publishing.uploads.create_document calls check_upload);
the text hash can only be checked after conversion (publishing.ready.on_ready calls
check_converted), because the text is not known before.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from wenku.conversion.services import mark_failed
from wenku.library.failures import ConversionError
from wenku.library.models import Document

from . import audit, clock, conf, ports
from .models import Ban, BlockedFingerprint, Complaint, Strike


def text_sha256(doc: Document) -> str:
    """The normalised-text hash the quality checks use (NFKC, case, punctuation and spacing
    folded), so a PDF exported from a blocked DOCX is recognised too. '' for little text."""
    return ports.text_sha256(doc)  # wenku.publishing.bridges.text_sha256


def block(complaint: Complaint, doc: Document, actor=None) -> list[str]:
    """Put the document's fingerprints on the block list (once per complaint and hash)."""
    added = []
    for kind, sha in ((BlockedFingerprint.Kind.FILE, doc.file_sha256), ("text", text_sha256(doc))):
        if not sha:
            continue
        _row, created = BlockedFingerprint.objects.get_or_create(
            kind=kind,
            sha256=sha,
            complaint=complaint,
            document_pk=doc.pk,
            lifted_at=None,
            defaults={"created_at": clock.now()},
        )
        if created:
            added.append(kind)
    if added:
        audit.log(
            "fingerprint_blocked",
            actor=actor,
            complaint=complaint,
            document_pk=doc.pk,
            member_pk=doc.owner_id,
            kinds=added,
        )
    return added


def lift(complaint: Complaint, document_pk: int, actor=None, reason: str = "") -> int:
    rows = BlockedFingerprint.objects.filter(
        complaint=complaint, document_pk=document_pk, lifted_at__isnull=True
    )
    count = rows.update(lifted_at=clock.now())
    if count:
        audit.log(
            "block_lifted",
            actor=actor,
            complaint=complaint,
            document_pk=document_pk,
            reason=reason,
            count=count,
        )
    return count


def is_blocked(kind: str, sha: str) -> bool:
    if not sha:
        return False
    return BlockedFingerprint.objects.filter(kind=kind, sha256=sha, lifted_at__isnull=True).exists()


def strike_count(member) -> int:
    """Strikes that count: withdrawn ones do not."""
    return Strike.objects.filter(member_id=member.pk, withdrawn_at__isnull=True).count()


def is_banned(member) -> bool:
    return Ban.objects.filter(member_id=member.pk, lifted_at__isnull=True).exists()


def upload_banned(member) -> bool:
    """Banned by staff, or at the strike limit (WENKU_STRIKE_LIMIT; 0 = never). Staff never."""
    if member is None or getattr(member, "is_staff", False):
        return False
    limit = conf.int_setting("WENKU_STRIKE_LIMIT")
    return is_banned(member) or bool(limit and strike_count(member) >= limit)


def check_upload(owner, file_sha256: str) -> None:
    """Called by publishing.uploads.create_document before anything is stored."""
    if upload_banned(owner):
        audit.log("upload_refused", member_pk=owner.pk, reason="upload_banned")
        raise ConversionError("upload_banned", f"member {owner.pk}")
    if is_blocked(BlockedFingerprint.Kind.FILE, file_sha256):
        audit.log(
            "upload_refused", member_pk=owner.pk, reason="blocked_copyright", sha256=file_sha256
        )
        raise ConversionError("blocked_copyright", f"file {file_sha256}")


def check_converted(doc: Document) -> bool:
    """After conversion: a document whose text is on the block list fails with the readable
    reason 'blocked_copyright'. Returns True if it was refused."""
    text_blocks = BlockedFingerprint.objects.filter(kind=BlockedFingerprint.Kind.TEXT)
    if not text_blocks.filter(lifted_at=None).exists():
        return False  # nothing blocked: skip hashing the whole text (300 pages: ~0.15 s)
    sha = text_sha256(doc)
    if not is_blocked(BlockedFingerprint.Kind.TEXT, sha):
        return False
    mark_failed(doc, ConversionError("blocked_copyright", f"text {sha}"))
    audit.log(
        "upload_refused",
        document_pk=doc.pk,
        member_pk=doc.owner_id,
        reason="blocked_copyright",
        sha256=sha,
    )
    return True


def add_strike(member, *, actor=None, complaint=None, document_pk=None, reason: str) -> Strike:
    strike = Strike.objects.create(
        member=member,
        complaint=complaint,
        document_pk=document_pk,
        reason=reason[:500],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=clock.now(),
    )
    total = strike_count(member)
    audit.log(
        "strike_added",
        actor=actor,
        complaint=complaint,
        document_pk=document_pk,
        member_pk=member.pk,
        reason=reason,
        strikes=total,
        limit=conf.int_setting("WENKU_STRIKE_LIMIT"),
    )
    return strike


def ban(member, *, actor, reason: str, complaint=None) -> Ban:
    """Ban a member: no sign-in (is_active off), no uploads, no complaints."""
    if not reason.strip():
        raise ValueError(_("Say why the member is banned."))
    row = Ban.objects.create(
        member=member, reason=reason[:500], created_by=actor, created_at=clock.now()
    )
    member.is_active = False
    member.save(update_fields=["is_active"])  # a save: signed-in sessions end at once
    audit.log("member_banned", actor=actor, complaint=complaint, member_pk=member.pk, reason=reason)
    return row


def lift_ban(member, *, actor, reason: str) -> int:
    """Lift the member's bans: they may sign in, upload and complain again. The ban rows stay
    (with who lifted them and why). Returns how many bans were lifted."""
    if not reason.strip():
        raise ValueError(_("Say why the ban is lifted."))
    lifted = Ban.objects.filter(member_id=member.pk, lifted_at__isnull=True).update(
        lifted_at=clock.now(), lifted_by=actor, lift_reason=reason[:500]
    )
    if lifted:
        member.is_active = True
        member.save(update_fields=["is_active"])
        audit.log("ban_lifted", actor=actor, member_pk=member.pk, reason=reason)
    return lifted


def withdraw_strike(strike: Strike, *, actor, reason: str) -> bool:
    """Take back a strike given in error; False if it was withdrawn already."""
    if not reason.strip():
        raise ValueError(_("Say why the strike is withdrawn."))
    done = Strike.objects.filter(pk=strike.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=clock.now(), withdrawn_by=actor, withdraw_reason=reason[:500]
    )
    if done:
        audit.log(
            "strike_withdrawn",
            actor=actor,
            member_pk=strike.member_id,
            document_pk=strike.document_pk,
            reason=reason,
            strike=strike.pk,
            strikes=strike_count(strike.member),
        )
    return bool(done)
