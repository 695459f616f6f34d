"""Search and wallet endpoints of /api/v1/: search, buy a document, get a download URL, read
one's balance. Session or token authentication; a session POST needs the CSRF token
(X-CSRFToken header), as DRF's SessionAuthentication checks; a token is not a cookie, so token
requests need none. Refusals (WalletError) rise to wenku.api.errors: {"error", "detail"} with
the refusal's status (401, 402, 403, 404, 409, 429).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library.models import Document
from wenku.library.refusals import Refusal
from wenku.publishing.forms import form_errors
from wenku.search.forms import SearchForm
from wenku.search.views import run_search
from wenku.security.clientip import client_ip
from wenku.wallet import downloads, services
from wenku.wallet.errors import AlreadyPurchased, InvalidRequest, LoginRequired, NotAvailable
from wenku.wallet.models import Purchase as PurchaseRow

from .forms_bridge import FormSerializer
from .schema import errors
from .serializers_moderation import IsoDateTime


def _no_store(response: Response) -> Response:
    response["Cache-Control"] = "no-store"
    return response


def _require_member(request: Request) -> None:
    if not request.user.is_authenticated:
        raise LoginRequired()


class PurchaseSerializer(serializers.ModelSerializer):
    refunded = serializers.SerializerMethodField()
    document = serializers.IntegerField(source="document_id")

    class Meta:
        model = PurchaseRow
        fields = ["id", "document", "price", "commission", "author_share", "created_at"]
        fields += ["refunded"]

    def get_refunded(self, purchase: PurchaseRow) -> bool:
        return purchase.refunded_at is not None


def _body(request: Request) -> Any:
    try:
        return request.data
    except ParseError as exc:
        raise InvalidRequest("The body is not valid JSON.") from exc


@extend_schema_field(OpenApiTypes.INT)
class ExpectedPrice(serializers.Field):
    """The price the client was shown (GET /api/v1/documents/{id}): required, so a price
    raised in between is never paid. A whole number of points (digits, or a JSON integer)."""

    default_error_messages = {
        "required": _lazy(
            "Send expected_price: the price you were shown. A higher price is not charged."
        ),
        "invalid": _lazy("expected_price must be a whole number of points."),
    }

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data in (None, "", serializers.empty):
            self.fail("required")
        return False, data

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        text = unicodedata.normalize("NFKC", str(data))  # full-width digits, as before
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            self.fail("invalid")
        return int(text)

    def to_representation(self, value: int) -> int:
        return value


class PurchaseRequestSerializer(serializers.Serializer):
    expected_price = ExpectedPrice(
        help_text="The price you were shown; a higher current price is refused (409)."
    )
    idempotency_key = serializers.CharField(
        allow_blank=True,
        allow_null=True,
        default="",
        help_text="or the Idempotency-Key header (which wins); at most 100 characters",
    )


class PurchaseResultSerializer(serializers.Serializer):
    status = serializers.CharField(required=False, help_text="bought, or replayed")
    purchase = PurchaseSerializer()
    balance = serializers.IntegerField()


class DownloadLinkSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="signed, expiring, single-use")
    expires_at = IsoDateTime()
    filename = serializers.CharField()


class BalanceSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    user = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="document.pk")
    title = serializers.CharField(source="document.title")
    url = serializers.SerializerMethodField()
    format = serializers.CharField(source="document.format")
    pages = serializers.IntegerField(source="document.page_count")
    snippet = serializers.SerializerMethodField(help_text="HTML: escaped text with <mark>")
    score = serializers.SerializerMethodField()

    def get_url(self, result) -> str:
        return self.context["request"].build_absolute_uri(result.url) if result.url else ""

    def get_snippet(self, result) -> str:
        return str(result.snippet)

    def get_score(self, result) -> float | None:
        return round(result.score, 6) if result.score is not None else None


class SearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    # text: full text; title: one character, titles only; browse: filters only;
    # none: nothing searchable in q (blank, punctuation, emoji).
    mode = serializers.ChoiceField(choices=["text", "title", "browse", "none"])
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class SearchQuerySerializer(FormSerializer):
    """The search's query parameters, validated by the search page's own form."""

    form_class = SearchForm

    q = serializers.CharField(required=False)
    category = serializers.CharField(required=False, help_text="slug or id")
    format = serializers.CharField(
        required=False, help_text="pdf, doc, ppt, xls, txt or an extension"
    )
    free = serializers.CharField(required=False, help_text="1 free, 0 paid")
    pages_min = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000)
    pages_max = serializers.IntegerField(required=False, min_value=0, max_value=1_000_000)
    date = serializers.ChoiceField(required=False, choices=["day", "week", "month", "year"])
    sort = serializers.ChoiceField(
        required=False, choices=["relevance", "newest", "downloads", "rating"]
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000)

    def make_form(self, data: Any) -> SearchForm:
        return SearchForm(data)  # the query string as the page's form reads it

    def refuse(self, form: forms.Form) -> None:
        fields = form_errors(form)
        first = next(iter(fields.values()))[0]
        # "errors" (the form's own format) is kept for older clients.
        raise Refusal(first, code="invalid", fields=fields, errors=form.errors.get_json_data())


class Search(APIView):
    @extend_schema(
        parameters=[SearchQuerySerializer],
        responses={200: SearchResultsSerializer, **errors(400)},
    )
    def get(self, request: Request) -> Response:
        """Full-text search (Chinese first); snippets come from preview pages only. Query
        parameters: q, category (slug or id), format (pdf, doc, ppt, xls, txt or an exact
        extension), free (1/0), pages_min, pages_max, date (day/week/month/year),
        sort (relevance/newest/downloads/rating), page. Snippets are HTML: escaped text with
        <mark>."""
        query = SearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        res = run_search(query.form)
        return Response(SearchResultsSerializer(res, context={"request": request}).data)


class Purchase(APIView):
    @extend_schema(
        request=PurchaseRequestSerializer,
        responses={
            200: PurchaseResultSerializer,
            201: PurchaseResultSerializer,
            **errors(400, 401, 402, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """Buy the document with points. Send an Idempotency-Key header to retry safely.
        201 when bought now; 200 when the same idempotency key is replayed; 409
        already_purchased when bought before under another key (download it again free)."""
        _require_member(request)
        asked = PurchaseRequestSerializer(data=_body(request))
        asked.is_valid(raise_exception=True)
        result = services.purchase_document(
            request.user,
            pk,
            idempotency_key=request.headers.get("Idempotency-Key")
            or asked.validated_data["idempotency_key"],
            expected_price=asked.validated_data["expected_price"],
        )
        body = {"purchase": result.purchase, "balance": services.balance_of(request.user)}
        if result.outcome == "already":  # the error body also carries the earlier purchase
            raise AlreadyPurchased(**PurchaseResultSerializer(body).data)
        code = 201 if result.created else 200
        data = PurchaseResultSerializer({"status": result.outcome, **body}).data
        return _no_store(Response(data, status=code))


class DownloadLink(APIView):
    @extend_schema(responses={200: DownloadLinkSerializer, **errors(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> Response:
        """A fresh signed, expiring, single-use URL for the original file."""
        _require_member(request)
        doc = Document.objects.filter(pk=pk).first()
        if doc is None:
            raise NotAvailable()
        link = downloads.issue_link(request.user, doc, ip=client_ip(request))
        data = {
            "url": request.build_absolute_uri(link.url),
            "expires_at": link.expires_at,
            "filename": downloads.download_filename(doc),
        }
        return _no_store(Response(DownloadLinkSerializer(data).data))


class Balance(APIView):
    @extend_schema(responses={200: BalanceSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        _require_member(request)
        body = {"balance": services.balance_of(request.user), "user": request.user.username}
        return _no_store(Response(BalanceSerializer(body).data))
