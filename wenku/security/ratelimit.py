"""Rate limits on log-in, sign-up, upload, download, full-text search and comments, counted in
Django's cache.

A fixed window per (scope, member or IP): cheap (one cache add + incr per request), shared
by every server process when the cache is Redis, and good enough to stop password guessing
and scripted sign-ups. The middleware picks requests by URL name, so the views of other
apps need no decorator and the API's endpoints share the site's counters.

Settings: WENKU_RATELIMIT (on/off) and WENKU_RATE_LIMITS = {scope: (requests, seconds)}.
Over the limit: 429 with Retry-After, JSON for the API and XHR, a readable page otherwise.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .clientip import client_ip

# URL name -> (methods counted, scope). Only attempts count: GET of a form page is free.
RULES: dict[str, tuple[frozenset[str], str]] = {
    "accounts:login": (frozenset({"POST"}), "login"),
    "api:token": (frozenset({"POST"}), "login"),
    "accounts:register": (frozenset({"POST"}), "signup"),
    "web:upload": (frozenset({"POST"}), "upload"),
    "api:documents": (frozenset({"POST"}), "upload"),
    "wallet:download": (frozenset({"GET", "POST"}), "download"),
    "api:document_download": (frozenset({"GET"}), "download"),
    # Full-text search reads every page: a prober who extends a known phrase one character
    # at a time needs thousands of queries per character (docs/decisions.md, Leaks).
    "search:results": (frozenset({"GET", "HEAD"}), "search"),
    "api:search": (frozenset({"GET", "HEAD"}), "search"),
    # New comments and replies (wenku.reviews): a spammer's script, not a reader, hits this.
    "reviews:comment": (frozenset({"POST"}), "comment"),
    "api:document_comments": (frozenset({"POST"}), "comment"),
}
# Log-in and sign-up are counted per address (there is no member yet); the rest per member.
BY_ADDRESS = {"login", "signup"}


def _token_user_id(request: HttpRequest) -> int | None:
    """The member behind an API token (DRF authenticates later, inside the view)."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Token "):
        return None
    from rest_framework.authtoken.models import Token

    row = Token.objects.filter(key=header[6:].strip()[:40]).values("user_id").first()
    return row["user_id"] if row else None


def _identity(request: HttpRequest, scope: str) -> str:
    if scope not in BY_ADDRESS:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"u{user.pk}"
        if (user_id := _token_user_id(request)) is not None:
            return f"u{user_id}"  # the site and the API share one counter per member
    return "a" + (client_ip(request) or "unknown")


def now() -> float:
    """The limiter's clock: one function for tests to pin inside a window."""
    return time.time()


def hit(scope: str, identity: str) -> int:
    """Count one request; return 0 when allowed, else the seconds until the window ends."""
    limits: dict = getattr(settings, "WENKU_RATE_LIMITS", {})
    if scope not in limits:
        return 0
    count, seconds = limits[scope]
    current = int(now())
    window = current // seconds
    key = f"ratelimit:{scope}:{identity}:{window}"
    cache.add(key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: start the window again
        cache.set(key, 1, timeout=seconds + 5)
        used = 1
    if used <= count:
        return 0
    return max(1, (window + 1) * seconds - current)


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    wants_json = (
        request.path.startswith("/api/")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or "application/json" in request.headers.get("Accept", "")
    )
    if wants_json:
        response: HttpResponse = JsonResponse(
            {
                "error": "rate_limited",
                "detail": _("Too many requests. Try again in %(s)d seconds.") % {"s": retry_after},
                "retry_after": retry_after,
            },
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        html = render_to_string("security/429.html", {"retry_after": retry_after}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitMiddleware:
    """Must come after AuthenticationMiddleware (per-member counters need request.user)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        if not getattr(settings, "WENKU_RATELIMIT", True):
            return None
        match = request.resolver_match
        rule = RULES.get(match.view_name) if match else None
        if rule is None or request.method not in rule[0]:
            return None
        scope = rule[1]
        wait = hit(scope, _identity(request, scope))
        return too_many(request, wait) if wait else None
