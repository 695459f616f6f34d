"""The search and wallet endpoints inside the DRF API (schema, token auth), answered by the
existing plain-Django views (views_search, views_wallet) so there is one implementation.

The plain views read request.user from Django's request: DRF's user (session or token) is
copied there. A token is not a cookie, so token requests skip the CSRF check (as DRF does).
"""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from . import views_search, views_wallet
from .schema import errors


def _plain(request: Request):
    django_request = request._request
    django_request.user = request.user  # runs DRF authentication (session or token)
    if request.auth is not None:  # token: no ambient credential, so no CSRF to check
        django_request._dont_enforce_csrf_checks = True
    return django_request


SEARCH_RESULT = inline_serializer(
    "SearchResults",
    {
        "count": serializers.IntegerField(),
        "mode": serializers.ChoiceField(choices=["text", "title", "browse", "none"]),
        "page": serializers.IntegerField(),
        "num_pages": serializers.IntegerField(),
        "results": inline_serializer(
            "SearchHit",
            {
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "url": serializers.CharField(),
                "format": serializers.CharField(),
                "pages": serializers.IntegerField(),
                "snippet": serializers.CharField(help_text="HTML: escaped text with <mark>"),
                "score": serializers.FloatField(allow_null=True),
            },
            many=True,
        ),
    },
)
SEARCH_PARAMS = [
    OpenApiParameter("q", str),
    OpenApiParameter("category", str, description="slug or id"),
    OpenApiParameter("format", str, description="pdf, doc, ppt, xls, txt or an extension"),
    OpenApiParameter("free", str, description="1 free, 0 paid"),
    OpenApiParameter("pages_min", int),
    OpenApiParameter("pages_max", int),
    OpenApiParameter("date", str, enum=["day", "week", "month", "year"]),
    OpenApiParameter("sort", str, enum=["relevance", "newest", "downloads"]),
    OpenApiParameter("page", int),
]
PURCHASE_REQUEST = inline_serializer(
    "PurchaseRequest",
    {
        "expected_price": serializers.IntegerField(
            help_text="The price you were shown; a higher current price is refused (409)."
        ),
        "idempotency_key": serializers.CharField(required=False),
    },
)
PURCHASE_RESULT = inline_serializer(
    "PurchaseResult",
    {
        "status": serializers.CharField(required=False),
        "purchase": serializers.DictField(),
        "balance": serializers.IntegerField(),
    },
)
DOWNLOAD_LINK = inline_serializer(
    "DownloadLink",
    {
        "url": serializers.CharField(),
        "expires_at": serializers.DateTimeField(),
        "filename": serializers.CharField(),
    },
)
BALANCE = inline_serializer(
    "Balance", {"balance": serializers.IntegerField(), "user": serializers.CharField()}
)


class Search(APIView):
    @extend_schema(parameters=SEARCH_PARAMS, responses={200: SEARCH_RESULT, **errors(400)})
    def get(self, request: Request) -> HttpResponse:
        """Full-text search (Chinese first); snippets come from preview pages only."""
        return views_search.search(_plain(request))


class Purchase(APIView):
    @extend_schema(
        request=PURCHASE_REQUEST,
        responses={
            200: PURCHASE_RESULT,
            201: PURCHASE_RESULT,
            **errors(400, 401, 402, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> HttpResponse:
        """Buy the document with points. Send an Idempotency-Key header to retry safely."""
        return views_wallet.purchase(_plain(request), pk)


class DownloadLink(APIView):
    @extend_schema(responses={200: DOWNLOAD_LINK, **errors(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> HttpResponse:
        """A fresh signed, expiring, single-use URL for the original file."""
        return views_wallet.download(_plain(request), pk)


class Balance(APIView):
    @extend_schema(responses={200: BALANCE, **errors(401)})
    def get(self, request: Request) -> HttpResponse:
        return views_wallet.balance(_plain(request))
