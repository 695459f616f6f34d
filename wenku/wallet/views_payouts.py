"""Payout pages: the author's "my payouts" (request one, see each step and reason) and the
staff queue (approve, reject with a reason, export approved payouts as CSV). Thin: the rules
are in payouts.py; a refusal is shown beside the form or as a message."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import payouts
from .errors import WalletError
from .forms import PayoutForm, RejectPayoutForm
from .models import Payout


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    form = PayoutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payout = payouts.request_payout(request.user, form.cleaned_data["points"])
        except WalletError as error:
            form.add_error("points" if error.field else None, error.detail)
        else:
            messages.success(
                request,
                _("Your payout request of %(points)d points was sent to staff.")
                % {"points": payout.points},
            )
            return redirect("wallet:payouts")
    page = Paginator(payouts.payouts_of(request.user), 20).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "figures": payouts.withdrawable(request.user),
        "minimum": payouts.minimum(),
        "fee": payouts.fee(),
        "page_obj": page,
        "payouts": page.object_list,
    }
    response = render(request, "wallet/payouts.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
@require_safe
def staff_queue(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    status = request.GET.get("status", Payout.Status.PENDING)
    rows = payouts.staff_queue(status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "payouts": page.object_list,
        "status": status,
        "statuses": Payout.Status.choices,
        "reject_form": RejectPayoutForm(),
    }
    return render(request, "wallet/staff_payouts.html", context)


@login_required
@require_POST
def staff_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    try:
        if request.POST.get("decision") == "approve":
            payouts.approve(request.user, pk, request.POST.get("note", ""))
            messages.success(request, _("Payout #%(pk)d approved.") % {"pk": pk})
        else:
            form = RejectPayoutForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            payouts.reject(request.user, pk, reason)
            messages.success(request, _("Payout #%(pk)d rejected.") % {"pk": pk})
    except WalletError as error:
        messages.error(request, error.detail)
    return redirect("wallet:staff_payouts")


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts like a formula: a user name must never do that.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
@require_safe
def staff_export(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    rows = payouts.export_rows(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="payouts-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel reads UTF-8 (Chinese names) only with the BOM
    writer = csv.writer(response)
    writer.writerow(payouts.CSV_HEADER)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return response
