"""{% unread_messages %}: the member's unread moderation messages, for the header link."""

from __future__ import annotations

from django import template

from wenku.moderation.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    return unread_count(user) if user is not None else 0


@register.filter
def age_days(delta) -> int:
    return max(0, delta.days)
