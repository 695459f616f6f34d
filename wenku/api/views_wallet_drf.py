"""Search and wallet endpoints of /api/v1/: search, buy a document, get a download URL, read
one's balance. Session or token authentication; a session POST needs the CSRF token
(X-CSRFToken header), as DRF's SessionAuthentication checks; a token is not a cookie, so token
requests need none. Refusals (WalletError) rise to wenku.api.errors: {"error", "detail"} with
the refusal's status (401, 402, 403, 404, 409, 429).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
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

from .schema import errors


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


def _body(request: Request) -> dict:
    try:
        data = request.data
    except ParseError as exc:
        raise InvalidRequest("The body is not valid JSON.") from exc
    if hasattr(data, "dict"):
        return data.dict()
    if not isinstance(data, dict):
        raise InvalidRequest("The body must be a JSON object.")
    return data


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


SEARCH_PARAMS = [
    OpenApiParameter("q", str),
    OpenApiParameter("category", str, description="slug or id"),
    OpenApiParameter("format", str, description="pdf, doc, ppt, xls, txt or an extension"),
    OpenApiParameter("free", str, description="1 free, 0 paid"),
    OpenApiParameter("pages_min", int),
    OpenApiParameter("pages_max", int),
    OpenApiParameter("date", str, enum=["day", "week", "month", "year"]),
    OpenApiParameter("sort", str, enum=["relevance", "newest", "downloads", "rating"]),
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
        "purchase": PurchaseSerializer(),
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
    @extend_schema(
        parameters=SEARCH_PARAMS, responses={200: SearchResultsSerializer, **errors(400)}
    )
    def get(self, request: Request) -> Response:
        """Full-text search (Chinese first); snippets come from preview pages only. Query
        parameters: q, category (slug or id), format (pdf, doc, ppt, xls, txt or an exact
        extension), free (1/0), pages_min, pages_max, date (day/week/month/year),
        sort (relevance/newest/downloads/rating), page. Snippets are HTML: escaped text with
        <mark>."""
        form = SearchForm(request.query_params)
        if not form.is_valid():
            fields = form_errors(form)
            first = next(iter(fields.values()))[0]
            # "errors" (the form's own format) is kept for older clients.
            raise Refusal(first, code="invalid", fields=fields, errors=form.errors.get_json_data())
        res = run_search(form)
        return Response(SearchResultsSerializer(res, context={"request": request}).data)


class Purchase(APIView):
    @extend_schema(
        request=PURCHASE_REQUEST,
        responses={
            200: PURCHASE_RESULT,
            201: PURCHASE_RESULT,
            **errors(400, 401, 402, 403, 404, 409),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        """Buy the document with points. Send an Idempotency-Key header to retry safely.
        201 when bought now; 200 when the same idempotency key is replayed; 409
        already_purchased when bought before under another key (download it again free)."""
        _require_member(request)
        data = _body(request)
        key = request.headers.get("Idempotency-Key") or data.get("idempotency_key") or ""
        result = services.purchase_document(
            request.user,
            pk,
            idempotency_key=key,
            expected_price=_expected_price(data.get("expected_price")),
        )
        body = {
            "purchase": PurchaseSerializer(result.purchase).data,
            "balance": services.balance_of(request.user),
        }
        if result.outcome == "already":
            return _no_store(Response({**AlreadyPurchased().as_json(), **body}, status=409))
        code = 201 if result.created else 200
        return _no_store(Response({"status": result.outcome, **body}, status=code))


class DownloadLink(APIView):
    @extend_schema(responses={200: DOWNLOAD_LINK, **errors(401, 403, 404, 429)})
    def get(self, request: Request, pk: int) -> Response:
        """A fresh signed, expiring, single-use URL for the original file."""
        _require_member(request)
        doc = Document.objects.filter(pk=pk).first()
        if doc is None:
            raise NotAvailable()
        link = downloads.issue_link(request.user, doc, ip=client_ip(request))
        return _no_store(
            Response(
                {
                    "url": request.build_absolute_uri(link.url),
                    "expires_at": link.expires_at.isoformat(),
                    "filename": downloads.download_filename(doc),
                }
            )
        )


class Balance(APIView):
    @extend_schema(responses={200: BALANCE, **errors(401)})
    def get(self, request: Request) -> Response:
        _require_member(request)
        body = {"balance": services.balance_of(request.user), "user": request.user.username}
        return _no_store(Response(body))
