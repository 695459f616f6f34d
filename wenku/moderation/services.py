"""The moderation app's public API. Views, the API, the library and the worker call these.

Filing (filing.py):    file_copyright, file_report, file_download_failure,
                       parse_document_refs, resolve_documents
Counter (counter.py):  file_counter, record_legal_action
Staff (actions.py):    act(staff, action, complaint=…, document=…, reason=…)
Hooks:                 check_upload (library.create_document), on_ready (publishing)
Clock:                 tick(now=None) restores documents whose waiting period passed
Queries:               open_cases, case_detail, held_points, unread_count, transparency
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from . import audit, clock, effects, notify, ports
from .actions import ACTIONS, NEEDS_REASON, act  # noqa: F401 - public API
from .blocklist import check_upload, strike_count, upload_banned  # noqa: F401 - public API
from .counter import file_counter, record_legal_action  # noqa: F401 - public API
from .evidence import EvidenceError  # noqa: F401 - public API
from .filing import (  # noqa: F401 - public API
    ComplaintError,
    Filed,
    file_copyright,
    file_download_failure,
    file_report,
    parse_document_refs,
    resolve_documents,
)
from .members import MEMBER_ACTIONS, act_on_member  # noqa: F401 - public API
from .members import summary as member_summary  # noqa: F401 - public API
from .models import AuditEntry, Complaint, ComplaintItem, Message, RevenueHold
from .review import held_documents, on_ready  # noqa: F401 - public API

Kind, Status, State = Complaint.Kind, Complaint.Status, ComplaintItem.State


def tick(now: dt.datetime | None = None) -> int:
    """Restore documents whose counter-notice waiting period has passed without legal action.
    Safe to run any time, from several places: each item is claimed in a transaction."""
    now = now or clock.now()
    due = ComplaintItem.objects.filter(
        state=State.COUNTERED,
        restore_due_at__lte=now,
        complaint__status=Status.COUNTERED,
    ).values_list("pk", flat=True)
    restored = 0
    notices: dict[int, list[ComplaintItem]] = {}
    why = _("The waiting period after the counter-notice passed without legal action.")
    for pk in list(due):
        with transaction.atomic():
            item = (
                ComplaintItem.objects.select_for_update()
                .select_related("complaint", "document", "uploader")
                .filter(pk=pk, state=State.COUNTERED)
                .first()
            )
            if item is None:  # another tick got there first
                continue
            effects.restore_item(item, reason=why)
            notices.setdefault(item.complaint_id, []).append(item)
            restored += 1
    for items in notices.values():
        notice = items[0].complaint
        if not notice.items.filter(state__in=effects.ACTIVE_TAKEDOWN).exists():
            effects.set_status(notice, Status.RESTORED, reason=why)
        notify.restored(notice, items, why)
    return restored


def open_cases(kind: str = "") -> QuerySet[Complaint]:
    """Complaints waiting for staff, oldest first. Counter-notices appear inside their notice."""
    cases = (
        Complaint.objects.exclude(status__in=Complaint.CLOSED)
        .exclude(kind=Kind.COUNTER)
        .select_related("reporter")
        .annotate(documents=Count("items"))
        .order_by("created_at", "id")
    )
    return cases.filter(kind=kind) if kind else cases


def counts_by_kind() -> dict[str, int]:
    rows = open_cases().order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def case_history(complaint: Complaint) -> QuerySet:
    return audit.history(complaint=complaint)


def held_points(member) -> int:
    """Points held from the member's earnings by open copyright notices (and kept after an
    upheld one). The wallet's spendable balance is its balance minus this."""
    states = (RevenueHold.State.HELD, RevenueHold.State.FORFEITED)
    total = RevenueHold.objects.filter(author_id=member.pk, state__in=states).aggregate(
        s=Sum("points")
    )["s"]
    return int(total or 0)


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Message.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(message: Message) -> None:
    if message.read_at is None:
        Message.objects.filter(pk=message.pk).update(read_at=clock.now())


def transparency(months: int = 24) -> list[dict]:
    """Anonymised counts per month: copyright notices, takedowns, restores (audit log) and
    refunds (ledger). Newest first."""
    since = clock.now() - dt.timedelta(days=31 * months)
    table: dict[dt.date, dict] = {}

    def row(month) -> dict:
        key = month.date() if isinstance(month, dt.datetime) else month
        return table.setdefault(
            key, {"month": key, "notices": 0, "takedowns": 0, "restores": 0, "refunds": 0}
        )

    notices = (
        Complaint.objects.filter(kind=Kind.COPYRIGHT, created_at__gte=since)
        .annotate(m=TruncMonth("created_at"))
        .values("m")
        .annotate(n=Count("id"))
    )
    for item in notices:
        row(item["m"])["notices"] = item["n"]
    # Refunds come from the ledger: the wallet's automatic ones for failed downloads count too.
    refunds = (
        ports.refund_transactions(since)
        .annotate(m=TruncMonth("created_at"))
        .values("m")
        .annotate(n=Count("id"))
    )
    for item in refunds:
        row(item["m"])["refunds"] = item["n"]
    counted = {"takedown": "takedowns", "restored": "restores"}
    actions = (
        AuditEntry.objects.filter(action__in=counted, at__gte=since)
        .filter(~Q(data__has_key="kept_hidden"))
        .annotate(m=TruncMonth("at"))
        .values("m", "action")
        .annotate(n=Count("id"))
    )
    for item in actions:
        row(item["m"])[counted[item["action"]]] = item["n"]
    return sorted(table.values(), key=lambda r: r["month"], reverse=True)
