"""Staff pages: the ledger (every transaction with its entries) and point grants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import reports, services
from .errors import WalletError
from .forms import GrantForm
from .models import LedgerTransaction


def _require_staff(request: HttpRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
@require_safe
def ledger(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    reason = request.GET.get("reason", "")
    if reason not in LedgerTransaction.Reason.values:
        reason = ""
    member = request.GET.get("member", "").strip()[:150]
    txns = reports.staff_ledger(reason=reason, member=member)
    page = Paginator(txns, 50).get_page(request.GET.get("page"))
    platform = reports.platform_balances()
    return render(
        request,
        "wallet/staff_ledger.html",
        {
            "page_obj": page,
            "transactions": page.object_list,
            "reasons": LedgerTransaction.Reason.choices,
            "reason": reason,
            "member": member,
            "platform": platform,
            "members_total": reports.member_total(),
            "platform_total": sum(platform.values()),
        },
    )


@login_required
def grant(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    if request.method == "POST":
        form = GrantForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.grant(request.user, data["username"], data["points"], data["memo"])
            except WalletError as error:
                form.add_error(None, error.detail)
            else:
                messages.success(
                    request,
                    _("%(points)+d points for %(name)s were posted.")
                    % {"points": data["points"], "name": data["username"].username},
                )
                return redirect("wallet:staff_grant")
    else:
        form = GrantForm(initial={"username": request.GET.get("username", "")})
    return render(request, "wallet/staff_grant.html", {"form": form})
