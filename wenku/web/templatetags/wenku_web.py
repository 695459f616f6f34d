from __future__ import annotations

from django import template
from django.http import QueryDict

from .. import member

register = template.Library()


@register.filter
def filesize(num_bytes: int | None) -> str:
    """16.91 KB, 2.35 MB: the units document sites show (1 KB = 1024 bytes)."""
    size = float(num_bytes or 0)
    if size < 1024 * 1024:
        return f"{size / 1024:.2f} KB"
    if size < 1024**3:
        return f"{size / 1024**2:.2f} MB"
    return f"{size / 1024**3:.2f} GB"


@register.filter
def format_label(fmt: str) -> str:
    return (fmt or "?").upper()


@register.simple_tag(takes_context=True)
def page_query(context, number: int) -> str:
    """The current query string with ?page= replaced (links of a paginator)."""
    request = context["request"]
    query: QueryDict = request.GET.copy()
    if number <= 1:
        query.pop("page", None)
    else:
        query["page"] = number
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def member_header(context) -> dict[str, int]:
    """{% member_header as header %}: the signed-in member's points and unread messages, one
    query per request (wenku.web.member)."""
    return member.header(context.get("request"))
