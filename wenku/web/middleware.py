"""Language by the visitor's explicit choice only, not by the browser's Accept-Language.

Document URLs carry no language prefix, so negotiating on Accept-Language would show search
engine crawlers (which mostly send English or nothing) an English page for a Chinese site.
The site speaks settings.LANGUAGE_CODE until the visitor picks another language with the
switcher (Django's set_language view, which stores the choice in the language cookie).
Replaces django.middleware.locale.LocaleMiddleware in settings.MIDDLEWARE.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wenku.library.refusals import Refusal


class SiteLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
        try:
            code = translation.get_supported_language_variant(code)
        except LookupError:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response


class RefusalMiddleware:
    """The site's one place for the services' refusals (wenku.library.refusals.Refusal): a
    readable page with the refusal's status. Views catch a refusal only to show it elsewhere
    (beside a form field, as a message on the page they redirect to). The API answers its own
    (wenku.api.errors.exception_handler) before this sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
            return None
        response = render(
            request, "web/refused.html", {"error": exception, "doc": None}, status=exception.status
        )
        response["Cache-Control"] = "no-store"
        return response
