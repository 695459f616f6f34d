"""Staff pages: the review queue, two documents side by side, and the decision on one.

Not staff: 404, like every page that must not reveal that a document exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wenku.library.models import Document
from wenku.security.redirects import safe_next

from . import services
from .models import Report


def _staff_only(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise Http404("no such page")


@require_safe
def review(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    page = Paginator(services.review_queue(), 50).get_page(request.GET.get("page"))
    rows = [
        {
            "report": r,
            "notice": services.notice(r.document, for_staff=True),
            "score": round(r.stuffing_score * 100),
        }
        for r in page.object_list
    ]
    return render(request, "quality/review.html", {"rows": rows, "page_obj": page})


@require_safe
def compare(request: HttpRequest, pk: int, other: int) -> HttpResponse:
    _staff_only(request)
    doc = get_object_or_404(Document.objects.select_related("owner"), pk=pk)
    other_doc = get_object_or_404(Document.objects.select_related("owner"), pk=other)
    context = services.compare(doc, other_doc)
    return render(request, "quality/compare.html", context)


DECISIONS = {
    "approve": Report.Decision.APPROVED,
    "remove": Report.Decision.REMOVED,
}


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    doc = get_object_or_404(Document, pk=pk)
    action = request.POST.get("action", "")
    if action == "recheck":
        services.recheck(doc)
        messages.success(request, _("The document was checked again."))
    elif action in DECISIONS:
        services.decide(doc, request.user, DECISIONS[action])
        if action == "approve":
            messages.success(request, _("The document is published."))
        else:
            messages.success(request, _("The document is removed."))
    else:
        raise Http404("no such action")
    return redirect(safe_next(request, doc.get_absolute_url()))
