"""/api/v1/staff/…: operators' endpoints (is_staff only): every document with its status,
visibility changes and conversion retries."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wenku.library import services
from wenku.library.models import Document
from wenku.moderation.effects import note_staff_visibility
from wenku.publishing import uploads

from .filters import StaffDocumentFilter
from .schema import ERRORS
from .serializers import DocumentSerializer, DocumentStatusSerializer, document_status


class VisibilitySerializer(serializers.Serializer):
    visibility = serializers.ChoiceField(choices=Document.Visibility.choices)


class StaffDocumentList(generics.GenericAPIView):
    permission_classes = [IsAdminUser]
    serializer_class = DocumentSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = StaffDocumentFilter

    def get_queryset(self):
        return Document.objects.select_related("owner", "category")

    @extend_schema(responses={200: DocumentSerializer(many=True), **ERRORS})
    def get(self, request: Request) -> Response:
        """Every document, whatever its status or visibility."""
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class StaffVisibility(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(request=VisibilitySerializer, responses={200: DocumentSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        doc = get_object_or_404(Document, pk=pk)
        data = VisibilitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visibility = data.validated_data["visibility"]
        note_staff_visibility(doc.pk, visibility)  # a later restore keeps staff's decision
        services.set_visibility(doc, visibility)
        return Response(DocumentSerializer(doc, context={"request": request}).data)


class StaffRetry(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(request=None, responses={200: DocumentStatusSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        """Queue the conversion again (e.g. after a tool was fixed)."""
        doc = get_object_or_404(Document, pk=pk)
        uploads.retry_conversion(doc)
        return Response(DocumentStatusSerializer(document_status(doc)).data)
