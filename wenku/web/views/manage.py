"""An author's pages: upload, my documents (with live conversion progress), edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wenku.conversion.ocr_jobs import statuses as ocr_statuses
from wenku.library import services
from wenku.library.models import Document
from wenku.publishing import uploads
from wenku.publishing.forms import EditForm, UploadForm, form_errors

from .document import managed_document, status_data

IN_PROGRESS = {Document.Status.UPLOADED, Document.Status.CONVERTING}


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _rejected_message(error) -> str:
    text = _("%(file)s was not accepted: %(reason)s") % {
        "file": error.filename,
        "reason": error.reason,
    }
    if error.url:  # the member's own copy of the file: a link to it
        return format_html('{} <a href="{}">{}</a>', text, error.url, _("Open your document"))
    return text


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    rejected = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            created, rejected = uploads.upload_documents(
                request.user, data["files"], **form.service_fields()
            )
            if created:
                for error in rejected:
                    messages.error(request, _rejected_message(error))
                count = len(created)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d document uploaded. Its conversion has started.",
                        "%(count)d documents uploaded. Their conversion has started.",
                        count,
                    )
                    % {"count": count},
                )
                target = reverse("web:my_documents")
                if _wants_json(request):
                    return JsonResponse({"ok": True, "redirect": target})
                return redirect(target)
        if _wants_json(request):
            return JsonResponse(
                {
                    "ok": False,
                    "errors": form_errors(form),
                    "rejected": [
                        {"filename": e.filename, "reason": e.reason, "url": e.url} for e in rejected
                    ],
                },
                status=400,
            )
    else:
        form = UploadForm()
    return render(request, "web/upload.html", {"form": form, "rejected": rejected})


def _row(doc: Document, ocr: dict) -> dict:
    status = status_data(doc, ocr)
    return {
        "doc": doc,
        "status": status,
        "active": doc.status in IN_PROGRESS,
        "ocr_active": status["ocr_active"],  # ready, its scanned pages still being read
    }


@login_required
def my_documents(request: HttpRequest) -> HttpResponse:
    documents = (
        Document.objects.filter(owner=request.user)
        .select_related("category")
        .order_by("-created_at", "-id")
    )
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    docs = list(page.object_list)
    ocr = ocr_statuses([doc.pk for doc in docs])  # one query for the page, not one per row
    rows = [_row(doc, ocr[doc.pk]) for doc in docs]
    return render(
        request,
        "web/my_documents.html",
        {
            "rows": rows,
            "page_obj": page,
            "in_progress": any(row["active"] or row["ocr_active"] for row in rows),
        },
    )


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    doc = managed_document(request, pk)
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            services.update_document(doc, **form.service_fields())
            messages.success(request, _("Your changes were saved."))
            return redirect(doc.get_absolute_url())
    else:
        form = EditForm(
            initial={
                "title": doc.title,
                "description": doc.description,
                "category": doc.category_id or "",
                "tags": ", ".join(t.name for t in doc.tags.all()),
                "preview_limit": doc.preview_limit,
                "price": doc.price,
                "allow_copy": doc.allow_copy,
            }
        )
    return render(request, "web/document_edit.html", {"doc": doc, "form": form})


@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    doc = managed_document(request, pk)
    if request.method == "POST":
        title = doc.title
        services.delete_document(doc)
        messages.success(request, _("“%(title)s” was deleted.") % {"title": title})
        return redirect("web:my_documents")
    return render(request, "web/document_delete.html", {"doc": doc})
