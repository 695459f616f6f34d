"""The document page's rating and comment forms (plain POST forms, answered by a redirect to
the page: they work without JavaScript). Thin: services decide; a refusal is shown as a message
above the page (or, for a document or comment the member may not see, the 404 page)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wenku.library.models import Document

from . import services
from .models import Comment
from .services import NotFound, ReviewError


def _back(doc_id: int, anchor: str = "reviews") -> str:
    return get_object_or_404(Document, pk=doc_id).get_absolute_url() + "#" + anchor


def _refused(request: HttpRequest, error: ReviewError) -> None:
    if isinstance(error, NotFound):
        raise error  # the 404 page, as for an unknown document
    messages.error(request, str(error.message))


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        rating = services.rate(request.user, pk, request.POST.get("stars"))
    except ReviewError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your rating: %(n)d of 5 stars.") % {"n": rating.stars})
    return redirect(_back(pk))


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        new = services.comment(
            request.user, pk, request.POST.get("body"), request.POST.get("parent")
        )
    except ReviewError as error:
        _refused(request, error)
        return redirect(_back(pk, "comments"))
    messages.success(request, _("Your comment is published."))
    return redirect(_back(pk, f"comment-{new.pk}"))


@login_required
@require_POST
def helpful(request: HttpRequest, pk: int) -> HttpResponse:
    doc_id = get_object_or_404(Comment, pk=pk).document_id
    try:
        services.vote_helpful(request.user, pk, request.POST.get("helpful", "1") != "0")
    except ReviewError as error:
        _refused(request, error)
    return redirect(_back(doc_id, f"comment-{pk}"))


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the report form with the comment quoted; POST: file it (a moderation case)."""
    target = services.visible_comment(request.user, pk)
    error = ""
    if request.method == "POST":
        try:
            filed = services.report(request.user, pk, request.POST.get("details"))
        except ReviewError as refusal:
            if isinstance(refusal, NotFound):
                raise
            error = str(refusal.message)
        else:
            if filed.duplicate:
                messages.info(request, _("You reported this comment already."))
            else:
                messages.success(request, _("Thank you: staff will review the comment."))
            return redirect(_back(target.document_id, f"comment-{pk}"))
    context = {"comment": target, "author": services.author_name(target), "error": error}
    response = render(request, "reviews/report.html", context, status=400 if error else 200)
    return response


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff hide a comment (or show it again) with a reason: audited."""
    doc_id = get_object_or_404(Comment, pk=pk).document_id
    action, reason = request.POST.get("action"), request.POST.get("reason")
    try:
        if action == "show":
            services.show(request.user, pk, reason)
            messages.success(request, _("The comment is shown again."))
        else:
            services.hide(request.user, pk, reason)
            messages.success(request, _("The comment is hidden."))
    except ReviewError as error:
        _refused(request, error)
    return redirect(_back(doc_id, f"comment-{pk}"))
