"""/api/v1/documents: list, filter, upload, detail, edit, delete, status and pages.

Thin over the services: uploads go through publishing.uploads.upload_documents, edits through
library.services.update_document, deletes through delete_document, and every page goes
through access.can_read_page (DESIGN §3: no page beyond the preview for non-buyers).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library import access, services
from wenku.library.models import Document, Page
from wenku.library.refusals import Refusal
from wenku.publishing import uploads
from wenku.publishing.pages import serve_page_image

from .errors import NotRendered
from .filters import DocumentFilter
from .schema import ERRORS, errors
from .serializers import (
    DocumentEditSerializer,
    DocumentSerializer,
    DocumentStatusSerializer,
    PageImageQuerySerializer,
    PageSerializer,
    UploadRequestSerializer,
    UploadResultSerializer,
    document_status,
)


def viewable(request: Request, pk: int) -> Document:
    """404 for a document this user may not see, as if it did not exist."""
    doc = get_object_or_404(Document.objects.select_related("owner", "category"), pk=pk)
    if not access.can_view(request.user, doc):
        raise NotFound()
    return doc


def check_page(request: Request, doc: Document, number: int) -> None:
    """404 past the last page; 403 "preview_ended" past what this reader may read."""
    if not 1 <= number <= doc.page_count:
        raise NotFound()
    if not access.can_read_page(request.user, doc, number):
        raise Refusal("Buy the document to read this page.", code="preview_ended", status=403)


def managed(request: Request, pk: int) -> Document:
    """Owner or staff; 401 anonymous, 403 for others who can see it, 404 otherwise."""
    doc = viewable(request, pk) if request.user.is_authenticated else None
    if doc is None:
        raise NotAuthenticated()
    if not access.can_manage(request.user, doc):
        raise PermissionDenied("Only the owner or staff may do this.")
    return doc


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
        request={"multipart/form-data": UploadRequestSerializer},
        responses={201: UploadResultSerializer, **errors(400, 401, 429)},
    )
    def post(self, request: Request) -> Response:
        """Upload one or more files (field `files`). Files refused for their content (empty,
        too large, unsupported) are listed in `rejected`; 400 when none was accepted."""
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        upload = UploadRequestSerializer(data=request.data, context={"request": request})
        upload.is_valid(raise_exception=True)
        created, rejected = uploads.upload_documents(
            request.user, upload.validated_data["files"], **upload.form.service_fields()
        )
        result = {"documents": [document_status(doc) for doc in created], "rejected": rejected}
        body = UploadResultSerializer(result, context={"request": request}).data
        if not created:
            first = rejected[0].reason if rejected else "No file was accepted."
            raise Refusal(first, code="rejected", **body)
        return Response(body, status=status.HTTP_201_CREATED)


class DocumentDetail(APIView):
    @extend_schema(responses={200: DocumentSerializer, **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        doc = viewable(request, pk)
        return Response(DocumentSerializer(doc, context={"request": request}).data)

    @extend_schema(request=DocumentEditSerializer, responses={200: DocumentSerializer, **ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        """Change any of the editable fields; the others keep their values."""
        doc = managed(request, pk)
        edit = DocumentEditSerializer(data=request.data, context={"document": doc})
        edit.is_valid(raise_exception=True)
        services.update_document(doc, **edit.form.service_fields())
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
        return Response(DocumentStatusSerializer(document_status(doc)).data)


class PageList(generics.GenericAPIView):
    serializer_class = PageSerializer

    @extend_schema(responses={200: PageSerializer(many=True), **errors(404)})
    def get(self, request: Request, pk: int) -> Response:
        """The pages you may read: the free preview, or all of them once bought."""
        doc = viewable(request, pk)
        readable = access.readable_pages(request.user, doc)
        pages = Page.objects.filter(document=doc, number__lte=readable).order_by("number")
        page = self.paginate_queryset(pages)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PageDetail(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: PageSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        doc = viewable(request, pk)
        check_page(request, doc, number)
        page = get_object_or_404(Page, document=doc, number=number)
        return Response(PageSerializer(page, context={"request": request}).data)


class _AnyAccept(DefaultContentNegotiation):
    """The image endpoint answers WebP (or a JSON error) whatever the Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PageImage(APIView):
    content_negotiation_class = _AnyAccept

    @extend_schema(
        parameters=[
            OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH),
            PageImageQuerySerializer,
        ],
        responses={
            (200, "image/webp"): OpenApiTypes.BINARY,
            **errors(400, 403, 404),
        },
    )
    def get(self, request: Request, pk: int, number: int) -> HttpResponse:
        """The page's preview image: the same access rule as its text (session or token)."""
        query = PageImageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        doc = viewable(request, pk)
        check_page(request, doc, number)
        response = serve_page_image(request._request, doc, number, query.validated_data["width"])
        if response is None:  # queued for the worker
            raise NotRendered()
        return response
