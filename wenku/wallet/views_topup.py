"""Top-up pages: choose an amount, pay at the gateway (or the sandbox), the gateway's callback."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from . import topup
from .errors import WalletError
from .forms import TopUpForm
from .gateways import GatewayError, SandboxGateway, active_gateway, get_gateway
from .models import TopUpOrder

log = logging.getLogger(__name__)


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    gateway = active_gateway()
    if request.method == "POST" and gateway is not None:
        form = TopUpForm(request.POST)
        if form.is_valid():
            try:
                order = topup.create_order(request.user, form.cleaned_data["points"], gateway.name)
            except WalletError as error:
                messages.error(request, error.detail)
            else:
                return redirect(gateway.checkout_url(order, request))
    else:
        form = TopUpForm()
    return render(request, "wallet/topup.html", {"form": form, "gateway": gateway})


def _sandbox_active() -> bool:
    # Sandbox orders left over from development must not complete once the sandbox is off.
    gateway = active_gateway()
    return gateway is not None and gateway.is_sandbox


def _own_order(request: HttpRequest, order_id) -> TopUpOrder:
    order = get_object_or_404(TopUpOrder, pk=order_id)
    if order.user_id != request.user.pk:
        raise Http404("no such order")
    return order


@login_required
@require_safe
def order(request: HttpRequest, order_id) -> HttpResponse:
    return render(request, "wallet/topup_order.html", {"order": _own_order(request, order_id)})


@login_required
@require_safe
def sandbox_checkout(request: HttpRequest, order_id) -> HttpResponse:
    """The sandbox's "payment page": no money moves; its buttons post a signed callback."""
    order = _own_order(request, order_id)
    if order.gateway != SandboxGateway.name or not _sandbox_active():
        raise Http404("not a sandbox order")
    sandbox = SandboxGateway()
    context = {
        "order": order,
        "yuan": f"{order.amount_cents / 100:.2f}",
        "confirm_payload": sandbox.payload(order, paid=True),
        "cancel_payload": sandbox.payload(order, paid=False),
    }
    return render(request, "wallet/sandbox_checkout.html", context)


@csrf_exempt  # gateways post server-to-server; the payload's signature is the proof
@require_POST
def callback(request: HttpRequest, gateway: str) -> HttpResponse:
    handler = get_gateway(gateway)
    if handler is None or (handler.is_sandbox and not _sandbox_active()):
        raise Http404("unknown gateway")
    try:
        result = handler.parse_callback(request)
        order = topup.complete_order(
            result.order_id,
            paid=result.paid,
            gateway_name=handler.name,
            gateway_ref=result.gateway_ref,
        )
    except (GatewayError, WalletError) as exc:
        log.warning("refused %s callback: %s", gateway, exc)
        return HttpResponseBadRequest("invalid callback", content_type="text/plain")
    # The order page tells the member what happened (a replayed callback changes nothing).
    return handler.callback_response(request, order)
