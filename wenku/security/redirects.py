"""The one check every `next=` redirect target passes (no open redirects: `/\\evil.com`,
`//evil.com`, `https://evil.com`, `javascript:` all fall back to the default)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe(request: HttpRequest, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, default: str) -> str:
    """The request's `next` (POST first, then GET) if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_safe(request, target) else default
