"""Wallet endpoints of /api/v1/: buy a document, get a download URL, read one's balance.

Session authentication; POST needs the CSRF token (X-CSRFToken header). Errors are JSON
{"error": code, "detail": text} with the status of the refusal (401, 402, 403, 404, 409, 429).
"""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wenku.library.models import Document
from wenku.security.clientip import client_ip
from wenku.wallet import downloads, services
from wenku.wallet.errors import (
    AlreadyPurchased,
    InvalidRequest,
    LoginRequired,
    NotAvailable,
    WalletError,
)
from wenku.wallet.models import Purchase


def _json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def _error(error: WalletError) -> JsonResponse:
    return _json(error.as_json(), status=error.status)


def _csrf_failure(request: HttpRequest) -> JsonResponse | None:
    """Django's CSRF check, answered as JSON instead of the HTML 403 page."""
    check = CsrfViewMiddleware(lambda req: None)
    if check.process_view(request, None, (), {}) is not None:
        return _json({"error": "csrf_failed", "detail": "CSRF token missing or wrong."}, 403)
    return None


def _purchase_json(purchase: Purchase) -> dict:
    return {
        "id": purchase.pk,
        "document": purchase.document_id,
        "price": purchase.price,
        "commission": purchase.commission,
        "author_share": purchase.author_share,
        "created_at": purchase.created_at.isoformat(),
        "refunded": purchase.refunded_at is not None,
    }


def _body(request: HttpRequest) -> dict:
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidRequest("The body is not valid JSON.") from exc
        if not isinstance(data, dict):
            raise InvalidRequest("The body must be a JSON object.")
        return data
    return request.POST.dict()


def _expected_price(raw: object) -> int:
    """The price the client was shown (GET /api/v1/documents/{id}): required, so a price
    raised in between is never paid."""
    if raw in (None, ""):
        raise InvalidRequest(
            _("Send expected_price: the price you were shown. A higher price is not charged.")
        )
    if isinstance(raw, bool) or not str(raw).isdigit():
        raise InvalidRequest("expected_price must be a whole number of points.")
    return int(str(raw))


@csrf_exempt  # checked below, so a failure is JSON too
@require_POST
def purchase(request: HttpRequest, pk: int) -> JsonResponse:
    """Buy document `pk`. 201 when bought now; 200 when the same idempotency key is replayed;
    409 already_purchased when bought before under another key (download it again free)."""
    if not request.user.is_authenticated:
        return _error(LoginRequired())
    if (failure := _csrf_failure(request)) is not None:
        return failure
    try:
        data = _body(request)
        key = request.headers.get("Idempotency-Key") or data.get("idempotency_key") or ""
        result = services.purchase_document(
            request.user,
            pk,
            idempotency_key=key,
            expected_price=_expected_price(data.get("expected_price")),
        )
    except WalletError as error:
        return _error(error)
    body = {
        "purchase": _purchase_json(result.purchase),
        "balance": services.balance_of(request.user),
    }
    if result.outcome == "already":
        return _json({**AlreadyPurchased().as_json(), **body}, status=409)
    return _json({"status": result.outcome, **body}, status=201 if result.created else 200)


@require_GET
def download(request: HttpRequest, pk: int) -> JsonResponse:
    """A fresh signed URL for the original: {"url", "expires_at"}. Single use, bound to you."""
    if not request.user.is_authenticated:
        return _error(LoginRequired())
    doc = Document.objects.filter(pk=pk).first()
    try:
        if doc is None:
            raise NotAvailable()
        link = downloads.issue_link(request.user, doc, ip=client_ip(request))
    except WalletError as error:
        return _error(error)
    return _json(
        {
            "url": request.build_absolute_uri(link.url),
            "expires_at": link.expires_at.isoformat(),
            "filename": downloads.download_filename(doc),
        }
    )


@require_GET
def balance(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return _error(LoginRequired())
    return _json({"balance": services.balance_of(request.user), "user": request.user.username})
