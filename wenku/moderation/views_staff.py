"""Staff pages: the moderation queue, one page per case and per held document, the actions,
and evidence downloads. Not staff: 404, like every page that must not reveal itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wenku.library.models import Document

from . import audit, blocklist, clock, evidence, ports, services
from .filing import ComplaintError
from .forms import ActionForm, MemberActionForm
from .models import AuditEntry, Complaint, ComplaintItem, Evidence

Kind = Complaint.Kind


def _staff_only(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise Http404("no such page")


def _history(rows) -> list[dict]:
    return [
        {
            "at": row.at,
            "who": row.actor_name,
            "what": audit.label(row.action),
            "action": row.action,
            "why": row.reason,
            "data": row.data,
            "complaint": row.complaint_id,
            "document": row.document_pk,
        }
        for row in rows
    ]


@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    kind = request.GET.get("kind", "")
    if kind and kind not in Kind.values:
        kind = ""
    now = clock.now()
    cases = Paginator(services.open_cases(kind), 50).get_page(request.GET.get("page"))
    rows = [{"case": c, "age": now - c.created_at} for c in cases.object_list]
    counts = services.counts_by_kind()
    kinds = [(k, Kind(k).label, counts.get(k, 0)) for k in Kind.values if k != Kind.COUNTER]
    context = {
        "rows": rows,
        "page_obj": cases,
        "kind": kind,
        "kinds": kinds,
        "total": sum(counts.values()),
        "held": [{"doc": d, "age": now - d.created_at} for d in services.held_documents()[:100]],
    }
    return render(request, "moderation/queue.html", context)


@require_safe
def case(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    complaint = get_object_or_404(
        Complaint.objects.select_related("reporter", "notice", "purchase"), pk=pk
    )
    items = list(complaint.items.select_related("document", "uploader", "counter_notice"))
    uploaders = {i.uploader_id: i.uploader for i in items if i.uploader is not None}
    context = {
        "case": complaint,
        "items": items,
        "evidence": complaint.evidence.all(),
        "counters": complaint.counter_notices.all(),
        "history": _history(services.case_history(complaint)),
        "members": [
            {
                "user": u,
                "strikes": blocklist.strike_count(u),
                "banned": blocklist.is_banned(u),
                "held": services.held_points(u),
            }
            for u in uploaders.values()
        ],
        "form": ActionForm(),
        "actions": _case_actions(complaint),
        "comment": _comment(complaint),
        "needs_reason": services.NEEDS_REASON,
        "downloads": _downloads(complaint),
    }
    return render(request, "moderation/case.html", context)


def _case_actions(complaint: Complaint) -> dict:
    if complaint.kind != Kind.COMMENT:
        return services.ACTIONS
    return {code: services.ACTIONS[code] for code in services.COMMENT_ACTIONS}


def _comment(complaint: Complaint) -> dict | None:
    """For a reported comment: the comment as its document page shows it (and whether hidden)."""
    if complaint.kind != Kind.COMMENT or complaint.comment_pk is None:
        return None
    return ports.comment_summary(complaint.comment_pk)


def _downloads(complaint: Complaint) -> list:
    """For a failed-download complaint: the member's download records of the document."""
    if complaint.kind != Kind.DOWNLOAD or complaint.purchase is None:
        return []
    return ports.download_records(complaint.purchase)


def _apply(request: HttpRequest, **target) -> None:
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return
    data = form.cleaned_data
    document = target.pop("document", None)
    if document is None and data.get("document"):
        document = get_object_or_404(Document, pk=data["document"])
    try:
        done = services.act(
            request.user, data["action"], reason=data["reason"], document=document, **target
        )
        messages.success(request, done)
    except (ComplaintError, ValueError) as exc:
        messages.error(request, getattr(exc, "detail", str(exc)))


@require_POST
def case_action(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    complaint = get_object_or_404(Complaint, pk=pk)
    _apply(request, complaint=complaint)
    return redirect("moderation:case", complaint.pk)


@require_safe
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """A document's moderation page: pre-publication review, its complaints, its history."""
    _staff_only(request)
    doc = get_object_or_404(Document.objects.select_related("owner"), pk=pk)
    complaint_ids = ComplaintItem.objects.filter(document_number=doc.pk).values("complaint_id")
    rows = AuditEntry.objects.filter(document_pk=doc.pk).order_by("at", "id")
    context = {
        "doc": doc,
        "complaints": Complaint.objects.filter(pk__in=complaint_ids).order_by("created_at"),
        "history": _history(rows),
        "strikes": blocklist.strike_count(doc.owner),
        "banned": blocklist.is_banned(doc.owner),
        "actions": services.ACTIONS,
        "needs_reason": services.NEEDS_REASON,
    }
    return render(request, "moderation/document.html", context)


@require_POST
def document_action(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    doc = get_object_or_404(Document, pk=pk)
    _apply(request, document=doc)
    return redirect("moderation:document", doc.pk)


@require_safe
def member(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's strikes, bans and history, with the actions on the member."""
    _staff_only(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    context = services.member_summary(person)
    context["history"] = _history(context["history"])
    # Withdrawing is offered on each strike's own row.
    actions = services.MEMBER_ACTIONS.items()
    context["actions"] = {k: v for k, v in actions if k != "withdraw_strike"}
    return render(request, "moderation/member.html", context)


@require_POST
def member_action(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    person = get_object_or_404(get_user_model(), pk=pk)
    form = MemberActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("moderation:member", person.pk)
    data = form.cleaned_data
    try:
        done = services.act_on_member(
            request.user, person, data["action"], data["reason"], strike_id=data["strike"]
        )
        messages.success(request, done)
    except ComplaintError as exc:
        messages.error(request, exc.detail)
    return redirect("moderation:member", person.pk)


@require_safe
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff only, as a download under a name of ours: never rendered inline by the browser."""
    _staff_only(request)
    row = get_object_or_404(Evidence, pk=pk)
    try:
        handle = default_storage.open(row.file.name, "rb")
    except OSError as exc:
        raise Http404("evidence file missing") from exc
    name = f"evidence-{row.complaint_id}-{row.pk}.{row.format}"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=evidence.content_type(row.format)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    """The whole audit log, newest first (staff)."""
    _staff_only(request)
    rows = AuditEntry.objects.order_by("-at", "-id")
    if action := request.GET.get("action", ""):
        rows = rows.filter(action=action)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    context = {"page_obj": page, "history": _history(page.object_list), "actions": audit.ACTIONS}
    return render(request, "moderation/audit.html", context)
