"""Payment gateways for top-ups: one small interface, and a sandbox for development.

A real gateway (Alipay, WeChat Pay, Stripe…) implements PaymentGateway: where to send the
member to pay, and how to read and verify the gateway's callback. The wallet credits points
only from a verified callback, and only once per order (topup.complete_order is idempotent).

The sandbox moves no money: its checkout page is a page of this site, marked "SANDBOX — no
real money", whose buttons post a signed callback exactly as a gateway would. It is active by
default only with DEBUG on; an operator may switch it on with WENKU_PAYMENT_GATEWAY=sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import conf
from .models import TopUpOrder


class GatewayError(Exception):
    """A callback that cannot be trusted (bad signature, unknown order…)."""


@dataclass
class CallbackResult:
    order_id: str
    paid: bool
    gateway_ref: str


class PaymentGateway:
    name = ""
    is_sandbox = False

    def checkout_url(self, order: TopUpOrder, request: HttpRequest) -> str:
        """Where to send the member to pay for `order`."""
        raise NotImplementedError

    def parse_callback(self, request: HttpRequest) -> CallbackResult:
        """Read and verify the gateway's notification; raise GatewayError if it is not genuine."""
        raise NotImplementedError

    def callback_response(self, request: HttpRequest, order: TopUpOrder) -> HttpResponse:
        """What the gateway expects back (most want a plain "success")."""
        return HttpResponse("success", content_type="text/plain")


class SandboxGateway(PaymentGateway):
    name = "sandbox"
    is_sandbox = True
    SALT = "wenku.wallet.sandbox"

    def checkout_url(self, order: TopUpOrder, request: HttpRequest) -> str:
        return reverse("wallet:sandbox_checkout", args=[order.pk])

    def payload(self, order: TopUpOrder, paid: bool) -> str:
        """The signed notification the sandbox page's buttons post."""
        ref = f"sandbox-{order.pk.hex[:12]}"
        return signing.dumps({"o": str(order.pk), "p": bool(paid), "r": ref}, salt=self.SALT)

    def parse_callback(self, request: HttpRequest) -> CallbackResult:
        try:
            data = signing.loads(request.POST.get("payload", ""), salt=self.SALT, max_age=86400)
        except signing.BadSignature as exc:
            raise GatewayError("bad sandbox signature") from exc
        if not isinstance(data, dict) or not {"o", "p", "r"} <= data.keys():
            raise GatewayError("malformed sandbox payload")
        return CallbackResult(str(data["o"]), bool(data["p"]), str(data["r"]))

    def callback_response(self, request: HttpRequest, order: TopUpOrder) -> HttpResponse:
        # The member's browser posted this: take them to the order's result page.
        return redirect("wallet:topup_order", order.pk)


GATEWAYS: dict[str, type[PaymentGateway]] = {"sandbox": SandboxGateway}


def get_gateway(name: str) -> PaymentGateway | None:
    cls = GATEWAYS.get(name)
    return cls() if cls else None


def active_gateway() -> PaymentGateway | None:
    """The configured gateway, or None when top-up is switched off."""
    return get_gateway(conf.gateway_name())
