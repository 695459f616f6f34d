"""System checks: warn an operator whose production site hands out sandbox points."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from . import conf


@checks.register(checks.Tags.security, deploy=True)
def sandbox_in_production(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if conf.gateway_name() == "sandbox" and not settings.DEBUG:
        return [
            checks.Warning(
                "The sandbox payment gateway is active: any member can top up points for free.",
                hint="Set WENKU_PAYMENT_GATEWAY to a real gateway, or to '' to switch top-up off.",
                id="wenku.wallet.W001",
            )
        ]
    return []
