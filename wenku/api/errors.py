"""One error shape for the whole API: {"error": code, "detail": text}, as the wallet views use.

Every refusal of the services (wenku.library.refusals.Refusal: wallet, complaints, evidence,
uploads) is answered here, with its own status; views just let it rise.

DRF's own exceptions (validation, authentication, permission, 404, 405, parse errors,
throttling) are turned into that shape here; validation errors keep the per-field messages
under "fields" so a client can show them beside its inputs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from wenku.library.refusals import Refusal

# DRF's codes where the site already has a name for the same refusal.
RENAMED = {"not_authenticated": "login_required", "authentication_failed": "login_required"}


def _first_message(detail: Any) -> str:
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    if isinstance(detail, dict) and detail:
        return _first_message(next(iter(detail.values())))
    return str(detail)


def _messages(detail: Any, path: str = "") -> list[str]:
    """A field's ErrorDetail tree as a flat list of strings; a message of a nested item (a
    list's element, a nested object's key) is prefixed with its path, e.g. "2: …"."""
    if isinstance(detail, dict):
        out: list[str] = []
        for key, value in detail.items():
            out += _messages(value, f"{path}.{key}" if path else str(key))
        return out
    if isinstance(detail, list):
        return [message for item in detail for message in _messages(item, path)]
    return [f"{path}: {detail}" if path else str(detail)]


def _fields(detail: Any) -> dict[str, list[str]]:
    """{field: [message, …]}, always one flat list of strings per top-level field (the shape
    the schema documents, whatever the nesting of the serializer)."""
    if not isinstance(detail, dict):
        return {}
    return {str(key): _messages(value) for key, value in detail.items()}


class NotRendered(Refusal):
    """A page image the worker is still making: 404 as the site's image URL answers."""

    code, status = "not_rendered", 404
    default_message = "The preview of this page is being made."
    headers = {"Retry-After": "3"}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, Refusal):  # the services' refusals: the one place they become JSON
        response = Response(exc.as_json(), status=exc.status)
        for name, value in getattr(exc, "headers", {}).items():
            response[name] = value
        response["Cache-Control"] = "no-store"
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API exception: Django's 500 handling (and logging) applies
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "error": "invalid",
            "detail": _first_message(exc.detail),
            "fields": _fields(exc.detail),
        }
        return response
    if isinstance(exc, exceptions.APIException):
        code = exc.get_codes() if not isinstance(exc.detail, list | dict) else exc.default_code
        code = code if isinstance(code, str) else exc.default_code
        detail = _first_message(exc.detail)
        if isinstance(exc, exceptions.PermissionDenied) and detail.startswith("CSRF Failed"):
            code = "csrf_failed"  # the wallet views' name for the same refusal
        response.data = {"error": RENAMED.get(code, code), "detail": detail}
        if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
            response.data["retry_after"] = int(exc.wait)
        response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # a 404 for any method: a CSRF refusal here would be an HTML page
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Every unknown path under /api/v1/ (the URLconf's last entry)."""
    body = {"error": "not_found", "detail": str(exceptions.NotFound.default_detail)}
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
