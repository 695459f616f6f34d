"""Member pages of the wallet: balance and history, sign-in, buying, downloading, purchases
and earnings. Thin: the work is in services, downloads and reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from wenku.library import access
from wenku.library.models import Document
from wenku.security.clientip import client_ip

from . import conf, downloads, reports, services
from .errors import PriceChanged, WalletError
from .gateways import active_gateway


def refused(request: HttpRequest, error: WalletError, doc: Document | None = None) -> HttpResponse:
    """A clear refusal page with the error's status code and a way back."""
    context = {"error": error, "doc": doc if doc is not None and doc.is_listed else None}
    return render(request, "web/refused.html", context, status=error.status)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(reports.history(request.user), 30).get_page(request.GET.get("page"))
    signin_points = conf.int_setting("WENKU_SIGNIN_POINTS")
    return render(
        request,
        "wallet/home.html",
        {
            "balance": services.balance_of(request.user),
            "page_obj": page,
            "entries": page.object_list,
            "signin_points": signin_points,
            "signed_in": signin_points > 0 and services.signed_in_today(request.user),
            "can_top_up": active_gateway() is not None,
        },
    )


@login_required
@require_POST
def signin(request: HttpRequest) -> HttpResponse:
    txn = services.daily_signin(request.user)
    if txn is not None:
        points = conf.int_setting("WENKU_SIGNIN_POINTS")
        messages.success(
            request, _("Signed in for today: +%(points)d points.") % {"points": points}
        )
    else:
        messages.info(request, _("You have already signed in today. Come back tomorrow."))
    return redirect("wallet:home")


def _document_or_404(request: HttpRequest, pk: int, *, buyer_keeps: bool = False) -> Document:
    """The document, or the same 404 as an unknown id for one the member may not see (a
    different answer would tell that a hidden or held document exists). A buyer may still
    download what they bought when `buyer_keeps`."""
    doc = get_object_or_404(Document, pk=pk)
    if access.can_view(request.user, doc):
        return doc
    if buyer_keeps and access.can_download(request.user, doc):
        return doc
    raise Http404


def _positive_int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


@login_required
@require_POST
def buy(request: HttpRequest, pk: int) -> HttpResponse:
    doc = _document_or_404(request, pk)
    back = reverse("web:document", args=[pk]) + "#download"
    try:
        shown = _positive_int(request.POST.get("expected_price"))
        if shown is None:  # a form that did not say what it showed pays nothing
            raise PriceChanged(price=doc.price)
        result = services.purchase_document(
            request.user,
            pk,
            idempotency_key=request.POST.get("idempotency_key", ""),
            expected_price=shown,
        )
    except WalletError as error:
        if error.status == 404:
            return refused(request, error)
        messages.error(request, error.detail)
        return redirect(back)
    if result.created:
        messages.success(
            request,
            _(
                "You bought “%(title)s”. Every page can now be read online, and you can download "
                "it again at any time for free."
            )
            % {"title": doc.title},
        )
    return _start_download(request, doc)


@login_required
@require_POST  # CSRF-checked: a cross-site link or image must not start (and count) one
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a fresh signed link (owner, staff or buyer) and start the download."""
    doc = _document_or_404(request, pk, buyer_keeps=True)
    return _start_download(request, doc)


def _start_download(request: HttpRequest, doc: Document) -> HttpResponse:
    try:
        link = downloads.issue_link(request.user, doc, ip=client_ip(request))
    except WalletError as error:
        return refused(request, error, doc)
    response = render(request, "wallet/download_start.html", {"doc": doc, "link": link})
    response["Cache-Control"] = "no-store"
    return response


def _token_member(request: HttpRequest):
    """The member of an `Authorization: Token …` header (API clients), or None. DRF's own
    TokenAuthentication, so a token works here exactly as it does on /api/v1/."""
    try:
        # DRF types a Request; the authenticator reads only the Authorization header.
        found = TokenAuthentication().authenticate(request)  # type: ignore[arg-type]
    except AuthenticationFailed:
        return None
    return found[0] if found else None


@require_GET  # not HEAD: a HEAD would use up the single-use link without a download
def file(request: HttpRequest, token: str) -> HttpResponseBase:
    """The signed URL itself: the original as an attachment, or a clear refusal (JSON for a
    token client; on the site a WalletError, shown by wenku.web.middleware.RefusalMiddleware).
    The link was made by a POST (site) or an authenticated API call; it is bound to its
    member, whether signed in by session or by API token."""
    member = request.user if request.user.is_authenticated else _token_member(request)
    try:
        return downloads.deliver(request, token, user=member or request.user)
    except WalletError as error:
        if member is not None and member is not request.user:
            return JsonResponse(error.as_json(), status=error.status)
        raise


@login_required
@require_safe
def purchases(request: HttpRequest) -> HttpResponse:
    page = Paginator(reports.purchases_of(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request, "wallet/purchases.html", {"page_obj": page, "purchases": page.object_list}
    )


@login_required
@require_safe
def earnings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "wallet/earnings.html",
        {
            "earnings": reports.earnings(request.user),
            "commission": conf.commission_percent(),
            "balance": services.balance_of(request.user),
        },
    )
