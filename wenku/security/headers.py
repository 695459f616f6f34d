"""Content-Security-Policy (and friends) on every response.

Django sets nosniff, Referrer-Policy, COOP and X-Frame-Options itself (settings); CSP is
not in Django 5.2, so this small middleware adds it. The site has no inline scripts (JSON-LD
blocks are data, which CSP does not execute-check), so script-src 'self' costs nothing. A
view that needs a different policy (the API's Swagger/Redoc pages) sets its own header and
this middleware leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; "
    # style="" attributes (e.g. a page box's aspect-ratio) cannot run code; <style> elements
    # and stylesheets from elsewhere stay blocked.
    "style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Swagger UI and Redoc inject <style> elements and load workers from blob: URLs.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "WENKU_CSP", DEFAULT_CSP)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
