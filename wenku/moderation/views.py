"""Member pages: the complaint forms, a complaint's status, the inbox, the transparency report.

Thin: forms validate, services decide. Every form page requires signing in: a complaint
needs someone to answer, and the claimant's account is where the answers arrive.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wenku.library import access
from wenku.library.models import Document
from wenku.library.refusals import Refusal

from . import audit, services
from .forms import FORMS, CounterNoticeForm, LegalActionForm
from .models import Complaint, Message

Kind = Complaint.Kind
FORM_KINDS = [Kind.COPYRIGHT, Kind.MISMATCH, Kind.DOWNLOAD, Kind.ILLEGAL, Kind.SPAM]


def _doc_param(request: HttpRequest) -> Document | None:
    """The document named by ?doc=, only if this user may see it: a held, hidden, removed or
    failed document is answered exactly like an unknown id (no title, no existence test)."""
    raw = request.GET.get("doc", "")
    doc = Document.objects.filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 19 else None
    return doc if doc is not None and access.can_view(request.user, doc) else None


def _fail(form, exc: Refusal) -> int:
    """Put a refusal on the form (beside its field when it has one); the HTTP status."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))
    return exc.status


def _filed(request: HttpRequest, filed: services.Filed) -> HttpResponse:
    if filed.duplicate:
        messages.info(request, _("You sent this complaint before: here is its status."))
    else:
        messages.success(request, _("Your complaint was received."))
    return redirect("moderation:complaint", filed.complaint.pk)


@require_safe
def report(request: HttpRequest) -> HttpResponse:
    """Which complaint? One link per type, for the document named by ?doc=."""
    doc = _doc_param(request)
    kinds = [(kind, Kind(kind).label) for kind in FORM_KINDS]
    return render(request, "moderation/report.html", {"doc": doc, "kinds": kinds})


def _file(request: HttpRequest, form, kind: str) -> services.Filed:
    data, user = form.cleaned_data, request.user
    files = data.get("evidence") or []
    if kind == Kind.COPYRIGHT:
        return services.file_copyright(
            user, data["documents"], name=data["name"], email=data["email"],
            phone=data["phone"], address=data["address"], work=data["work"],
            details=data["details"], statements=form.statements(), files=files,
        )  # fmt: skip
    if kind == Kind.DOWNLOAD:
        return services.file_download_failure(user, data["document"], details=data["details"])
    return services.file_report(user, kind, data["document"], details=data["details"], files=files)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def file_complaint(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in FORMS:
        raise Http404("no such complaint type")
    form_class, status = FORMS[kind], 200
    doc = _doc_param(request)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                return _filed(request, _file(request, form, kind))
            except Refusal as exc:
                status = _fail(form, exc)
        else:
            status = 400
    else:
        initial = {}
        if doc is not None:
            initial = {"documents" if kind == Kind.COPYRIGHT else "document": str(doc.pk)}
        if kind in (Kind.COPYRIGHT,):
            initial.update(name=request.user.get_full_name(), email=request.user.email)
        form = form_class(initial=initial, user=request.user)
    context = {"form": form, "kind": kind, "kind_label": Kind(kind).label, "doc": doc}
    return render(request, "moderation/file.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def counter_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Complaint, pk=pk, kind=Kind.COPYRIGHT)
    mine = list(notice.items.filter(uploader_id=request.user.pk))
    status = 200
    if not mine and not request.user.is_staff:
        context = {
            "error": _("Only the uploader of the documents in a notice may file a counter-notice.")
        }
        return render(request, "moderation/refused.html", context, status=403)
    if request.method == "POST":
        form = CounterNoticeForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                filed = services.file_counter(
                    request.user, notice, name=data["name"], email=data["email"],
                    phone=data["phone"], address=data["address"], details=data["details"],
                    statements=form.statements(), files=data.get("evidence") or [],
                )  # fmt: skip
                return _filed(request, filed)
            except Refusal as exc:
                status = _fail(form, exc)
        else:
            status = 400
    else:
        form = CounterNoticeForm(initial={"email": request.user.email})
    context = {"form": form, "notice": notice, "items": mine}
    return render(request, "moderation/counter_notice.html", context, status=status)


# What the people in a case see of its history: not the money held, the block list, the
# strikes or the e-mails (those are for staff).
MEMBER_ACTIONS = {
    "complaint_filed", "status_changed", "takedown", "restore_scheduled",
    "legal_action_recorded", "restored", "hidden", "removed", "refunded", "approved", "rejected",
}  # fmt: skip


def _member_label(row) -> str:
    label = audit.label(row.action)
    status = row.data.get("to") if row.action == "status_changed" else None
    if status in Complaint.Status.values:
        return f"{label}: {Complaint.Status(status).label}"
    return label


def _may_see(user, complaint: Complaint) -> bool:
    if user.is_staff or user.pk == complaint.reporter_id:
        return True
    notice = complaint.notice or complaint
    return notice.items.filter(uploader_id=user.pk).exists()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def complaint(request: HttpRequest, pk: int) -> HttpResponse:
    """A complaint's status for the people in it; the claimant records legal action here."""
    case = get_object_or_404(Complaint.objects.select_related("notice"), pk=pk)
    if not _may_see(request.user, case):
        raise Http404("no such complaint")
    legal_form, status = None, 200
    waiting = case.kind == Kind.COPYRIGHT and case.status in (
        Complaint.Status.TAKEN_DOWN,
        Complaint.Status.COUNTERED,
    )
    if waiting and request.user.pk == case.reporter_id:
        legal_form = LegalActionForm(request.POST or None)
        if request.method == "POST" and legal_form.is_valid():
            try:
                services.record_legal_action(request.user, case, legal_form.cleaned_data["note"])
                messages.success(request, _("Legal action recorded: the documents stay down."))
                return redirect("moderation:complaint", case.pk)
            except Refusal as exc:
                status = _fail(legal_form, exc)
        elif request.method == "POST":
            status = 400
    elif request.method == "POST":
        raise Http404("nothing to post here")
    history = [
        {"at": row.at, "label": _member_label(row)}
        for row in services.case_history(case)
        if row.action in MEMBER_ACTIONS
    ]
    context = {
        "case": case,
        "items": case.items.all(),
        "counters": case.counter_notices.all(),
        "history": history,
        "legal_form": legal_form,
        "is_uploader": case.items.filter(uploader_id=request.user.pk).exists(),
    }
    return render(request, "moderation/complaint.html", context, status=status)


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    rows = Message.objects.filter(recipient=request.user)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "moderation/inbox.html", {"page_obj": page, "rows": page.object_list})


@login_required
@require_safe
def message(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Message, pk=pk, recipient=request.user)
    services.mark_read(row)
    return render(request, "moderation/message.html", {"message_row": row})


@require_safe
def transparency(request: HttpRequest) -> HttpResponse:
    rows = services.transparency()
    totals = {
        key: sum(r[key] for r in rows) for key in ("notices", "takedowns", "restores", "refunds")
    }
    return render(request, "moderation/transparency.html", {"rows": rows, "totals": totals})
