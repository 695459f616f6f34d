"""Counter-notices and the claimant's answer to them (recorded legal action).

A counter-notice by the uploader is forwarded to the claimant; the uploader's documents are
restored WENKU_COUNTER_NOTICE_WAIT_DAYS later by services.tick, unless the claimant records
legal action first (then they stay down until staff decide).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import audit, clock, conf, effects, evidence, notify
from .filing import (
    COUNTER_STATEMENTS,
    ComplaintError,
    Filed,
    Kind,
    State,
    Status,
    _create,
    _duplicate,
    _key,
    _require,
    _require_contact,
)
from .models import Complaint


# long: a counter-notice's checks and effects in legal order, in one place
def file_counter(
    uploader,
    notice: Complaint,
    *,
    name: str,
    email: str,
    address: str,
    details: str,
    statements: Iterable[str],
    phone: str = "",
    files: Sequence = (),
) -> Filed:
    """The uploader's answer to a notice: forwarded to the claimant; the uploader's documents
    come back after WENKU_COUNTER_NOTICE_WAIT_DAYS unless the claimant records legal action."""
    if notice.kind != Kind.COPYRIGHT:
        raise ComplaintError("not_found", _("There is no such copyright notice."), status=404)
    mine = notice.items.filter(uploader_id=uploader.pk)
    if not mine.exists():
        raise ComplaintError(
            "not_uploader",
            _("Only the uploader of the documents in a notice may file a counter-notice."),
            status=403,
        )
    _require_contact(name, email, address)
    if not (details or "").strip():
        raise ComplaintError(
            "incomplete", _("Explain why the documents do not infringe."), field="details"
        )
    given = _require(statements, COUNTER_STATEMENTS)
    key = _key(Kind.COUNTER, uploader, notice.pk)
    if (dup := _duplicate(key, uploader)) is not None:
        return dup
    if notice.status == Status.LEGAL_ACTION:
        raise ComplaintError(
            "legal_action",
            _("The claimant has taken legal action; staff will decide about the documents."),
            status=409,
        )
    down = list(mine.filter(state=State.TAKEN_DOWN).select_related("document"))
    if not down:
        raise ComplaintError(
            "nothing_to_counter",
            _("None of your documents in this notice is taken down."),
            status=409,
        )
    due = clock.now() + dt.timedelta(days=conf.wait_days())
    with evidence.scratch_dir() as tmp:
        checked = evidence.check_files(list(files), Path(tmp))
        try:
            with transaction.atomic():
                counter = _create(
                    uploader,
                    Kind.COUNTER,
                    key,
                    [i.document for i in down if i.document],
                    checked,
                    name=name,
                    email=email,
                    phone=phone,
                    address=address,
                    details=details,
                    statements=given,
                    notice=notice,
                )
                for item in down:
                    item.state, item.restore_due_at, item.counter_notice = (
                        State.COUNTERED,
                        due,
                        counter,
                    )
                    item.save(update_fields=["state", "restore_due_at", "counter_notice"])
                    audit.log(
                        "restore_scheduled",
                        complaint=notice,
                        document_pk=item.document_number,
                        due=due.isoformat(),
                        counter_notice=counter.pk,
                    )
                effects.set_status(counter, Status.FORWARDED, reason=_("Forwarded to the claimant"))
                effects.set_status(notice, Status.COUNTERED, actor=uploader)
        except IntegrityError:
            return _duplicate(key, uploader) or Filed(Complaint.objects.get(dedupe_key=key), True)
    notify.counter_forwarded(notice, counter, due)
    notify.received(counter, taken_down=False)
    return Filed(counter)


def record_legal_action(user, notice: Complaint, note: str) -> Complaint:
    """The claimant (or staff for them) records legal action: no restore after the wait."""
    if not (user.is_staff or user.pk == notice.reporter_id):
        raise ComplaintError("forbidden", _("Only the claimant may record legal action."), 403)
    if notice.kind != Kind.COPYRIGHT or notice.status not in (Status.TAKEN_DOWN, Status.COUNTERED):
        raise ComplaintError(
            "not_pending", _("This notice is not waiting for a restore."), status=409
        )
    if not (note or "").strip():
        raise ComplaintError(
            "incomplete", _("Describe the legal action (court, case number)."), field="note"
        )
    with transaction.atomic():
        Complaint.objects.filter(pk=notice.pk).update(
            legal_action_at=clock.now(), legal_action_note=note[:2000]
        )
        notice.items.filter(state=State.COUNTERED).update(
            state=State.TAKEN_DOWN, restore_due_at=None
        )
        audit.log("legal_action_recorded", actor=user, complaint=notice, reason=note)
        effects.set_status(notice, Status.LEGAL_ACTION, actor=user, reason=note)
    notice.refresh_from_db()
    for item in notice.items.select_related("uploader"):
        notify.document_action(
            item.uploader,
            item.title,
            item.document_number,
            _("legal action recorded"),
            note,
            notice,
        )
    return notice
