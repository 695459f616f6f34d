"""{% points_balance %}: the signed-in member's balance, for the site header."""

from __future__ import annotations

from django import template

from wenku.wallet.ledger import balance_of

register = template.Library()


@register.simple_tag(takes_context=True)
def points_balance(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    return balance_of(user) if user is not None else 0
