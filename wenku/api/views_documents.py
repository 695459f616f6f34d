"""/api/v1/documents: list, filter, upload, detail, edit, delete, status and pages.

Thin over wenku.library: uploads go through services.upload_documents, edits through
update_document, deletes through delete_document, and every page goes through
access.can_read_page (DESIGN §3: no page beyond the preview for non-buyers).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library import access, services
from wenku.library.models import Document, Page
from wenku.library.refusals import Refusal
from wenku.publishing import uploads
from wenku.publishing.forms import EditForm, UploadForm
from wenku.publishing.pages import serve_page_image

from .filters import DocumentFilter
from .forms_bridge import EDITABLE, cleaned, current_values, form_data
from .schema import ERRORS, errors
from .serializers import (
    DocumentSerializer,
    DocumentStatusSerializer,
    PageSerializer,
    UploadResultSerializer,
    document_status,
    page_data,
)


def viewable(request: Request, pk: int) -> Document:
    """404 for a document this user may not see, as if it did not exist."""
    doc = get_object_or_404(Document.objects.select_related("owner", "category"), pk=pk)
    if not access.can_view(request.user, doc):
        raise NotFound()
    return doc


def page_refused(request: Request, doc: Document, number: int) -> Response | None:
    """404 past the last page; 403 "preview_ended" past what this reader may read."""
    if not 1 <= number <= doc.page_count:
        raise NotFound()
    if not access.can_read_page(request.user, doc, number):
        return Response(
            {"error": "preview_ended", "detail": "Buy the document to read this page."},
            status=status.HTTP_403_FORBIDDEN,
        )
    return None


def managed(request: Request, pk: int) -> Document:
    """Owner or staff; 401 anonymous, 403 for others who can see it, 404 otherwise."""
    doc = viewable(request, pk) if request.user.is_authenticated else None
    if doc is None:
        raise NotAuthenticated()
    if not access.can_manage(request.user, doc):
        raise PermissionDenied("Only the owner or staff may do this.")
    return doc


UPLOAD_REQUEST = inline_serializer(
    "UploadRequest",
    {
        "files": serializers.ListField(child=serializers.FileField()),
        "title": serializers.CharField(required=False, help_text="single-file uploads only"),
        "description": serializers.CharField(required=False),
        "category": serializers.IntegerField(required=False),
        "tags": serializers.CharField(required=False, help_text="comma-separated"),
        "preview_limit": serializers.IntegerField(required=False),
        "price": serializers.IntegerField(required=False),
    },
)


class DocumentList(generics.GenericAPIView):
    serializer_class = DocumentSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = DocumentFilter

    def get_queryset(self) -> QuerySet[Document]:
        return services.listed_documents()

    @extend_schema(responses={200: DocumentSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": UPLOAD_REQUEST},
        responses={201: UploadResultSerializer, **errors(400, 401, 429)},
    )
    def post(self, request: Request) -> Response:
        """Upload one or more files (field `files`). Files refused for their content (empty,
        too large, unsupported) are listed in `rejected`; 400 when none was accepted."""
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        form = UploadForm(request.POST, request.FILES)
        data = cleaned(form)
        created, rejected = uploads.upload_documents(
            request.user, data["files"], **form.service_fields()
        )
        body = {
            "documents": [document_status(doc) for doc in created],
            "rejected": [
                {"filename": e.filename, "code": e.code, "reason": e.reason}
                | (
                    {"document": e.document_id, "url": request.build_absolute_uri(e.url)}
                    if e.url
                    else {}
                )
                for e in rejected
            ],
        }
        if not created:
            first = rejected[0].reason if rejected else "No file was accepted."
            raise Refusal(first, code="rejected", **body)
        return Response(body, status=status.HTTP_201_CREATED)


EDIT_REQUEST = inline_serializer(
    "DocumentEdit",
    {
        "title": serializers.CharField(required=False, max_length=200),
        "description": serializers.CharField(required=False, allow_blank=True),
        "category": serializers.IntegerField(required=False, allow_null=True),
        "tags": serializers.ListField(child=serializers.CharField(), required=False),
        "preview_limit": serializers.IntegerField(required=False, allow_null=True),
        "price": serializers.IntegerField(required=False),
        "allow_copy": serializers.BooleanField(required=False),
    },
)


class DocumentDetail(APIView):
    @extend_schema(responses={200: DocumentSerializer, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        doc = viewable(request, pk)
        return Response(DocumentSerializer(doc, context={"request": request}).data)

    @extend_schema(request=EDIT_REQUEST, responses={200: DocumentSerializer, **ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        """Change any of the editable fields; the others keep their values."""
        doc = managed(request, pk)
        values = {**current_values(doc), **form_data(request.data, EDITABLE)}
        form = EditForm(values)
        cleaned(form)
        services.update_document(doc, **form.service_fields())
        doc.refresh_from_db()
        return Response(DocumentSerializer(doc, context={"request": request}).data)

    @extend_schema(responses={204: None, **errors(401, 403, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        services.delete_document(managed(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class DocumentStatus(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DocumentStatusSerializer, **errors(401, 403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        """Conversion progress (owner and staff), and of the OCR of scanned pages after it."""
        doc = managed(request, pk)
        return Response(document_status(doc))


class PageList(generics.GenericAPIView):
    serializer_class = PageSerializer

    @extend_schema(responses={200: PageSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        """The pages you may read: the free preview, or all of them once bought."""
        doc = viewable(request, pk)
        readable = access.readable_pages(request.user, doc)
        pages = Page.objects.filter(document=doc, number__lte=readable).order_by("number")
        page = self.paginate_queryset(pages)
        widths = settings.WENKU_PREVIEW_WIDTHS
        return self.get_paginated_response([page_data(request, p, widths) for p in page])


class PageDetail(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: PageSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        doc = viewable(request, pk)
        if refused := page_refused(request, doc, number):
            return refused
        page = get_object_or_404(Page, document=doc, number=number)
        return Response(page_data(request, page, settings.WENKU_PREVIEW_WIDTHS))


class _AnyAccept(DefaultContentNegotiation):
    """The image endpoint answers WebP (or a JSON error) whatever the Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PageImage(APIView):
    content_negotiation_class = _AnyAccept

    @extend_schema(
        parameters=[
            OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH),
            OpenApiParameter("width", OpenApiTypes.INT, description="px, one of the site's widths"),
        ],
        responses={
            (200, "image/webp"): OpenApiTypes.BINARY,
            **errors(400, 403, 404),
        },
    )
    def get(self, request: Request, pk: int, number: int) -> HttpResponse:
        """The page's preview image: the same access rule as its text (session or token)."""
        widths = settings.WENKU_PREVIEW_WIDTHS
        raw = request.query_params.get("width", str(max(widths)))
        if not raw.isdigit() or int(raw) not in widths:
            raise ValidationError({"width": [f"One of {widths}."]})
        doc = viewable(request, pk)
        if refused := page_refused(request, doc, number):
            return refused
        response = serve_page_image(request._request, doc, number, int(raw))
        if response is None:  # queued for the worker
            return Response(
                {"error": "not_rendered", "detail": "The preview of this page is being made."},
                status=status.HTTP_404_NOT_FOUND,  # as the site's image URL answers
                headers={"Retry-After": "3"},
            )
        return response
