"""Output shapes of the API. Input is validated by the site's own forms (wenku.publishing.forms), so
the API and the upload page accept exactly the same values."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from wenku.conversion.ocr_jobs import status as ocr_status
from wenku.library import access, services
from wenku.library.models import Category, Document, Favourite, Tag


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "slug", "parent"]


class TagSerializer(serializers.ModelSerializer):
    documents = serializers.IntegerField(
        source="documents_count", read_only=True, help_text="listed documents"
    )

    class Meta:
        model = Tag
        fields = ["id", "name", "documents"]


class DocumentSerializer(serializers.ModelSerializer):
    """A document as a reader sees it. No text or pages here: those go through /pages."""

    owner = serializers.CharField(source="owner.username", read_only=True)
    category = CategorySerializer(read_only=True, allow_null=True)
    tags = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    free_pages = serializers.IntegerField(read_only=True)
    readable_pages = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "description",
            "owner",
            "category",
            "tags",
            "format",
            "file_size",
            "page_count",
            "free_pages",
            "readable_pages",
            "price",
            "allow_copy",
            "views",
            "downloads",
            "rating_average",
            "rating_count",
            "status",
            "visibility",
            "created_at",
            "url",
        ]
        read_only_fields = fields

    def get_tags(self, doc: Document) -> list[str]:
        return [tag.name for tag in doc.tags.all()]

    def get_url(self, doc: Document) -> str:
        request = self.context.get("request")
        path = doc.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def get_readable_pages(self, doc: Document) -> int:
        request = self.context.get("request")
        return access.readable_pages(request.user if request else None, doc)


def document_status(doc: Document) -> dict:
    """A document's status for the API: conversion progress, then the OCR of scanned pages."""
    return {**services.document_status(doc), **ocr_status(doc)}


class DocumentStatusSerializer(serializers.Serializer):
    """wenku.library.services.document_status, documented."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    stage = serializers.CharField()
    pages_done = serializers.IntegerField()
    progress_total = serializers.IntegerField()
    page_count = serializers.IntegerField()
    percent = serializers.IntegerField()
    reason = serializers.CharField()
    url = serializers.CharField()
    ocr_active = serializers.BooleanField(help_text="ready, scanned pages still being read")
    ocr_done = serializers.IntegerField()
    ocr_total = serializers.IntegerField(help_text="pages without a text layer (OCR)")


class PageSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    width_pt = serializers.FloatField()
    height_pt = serializers.FloatField()
    images = serializers.DictField(child=serializers.CharField(), help_text="width -> URL")


def page_data(request, page, widths: list[int]) -> dict:
    """Only called for pages access.can_read_page allowed (the caller checks)."""
    # The API's image URL: it honours token authentication (the site's URL only sessions).
    path = reverse("api:document_page_image", args=[page.document_id, page.number])
    images = {str(width): request.build_absolute_uri(f"{path}?width={width}") for width in widths}
    return {
        "number": page.number,
        "text": page.text,
        "width_pt": page.width_pt,
        "height_pt": page.height_pt,
        "images": images,
    }


class FavouriteSerializer(serializers.ModelSerializer):
    document = serializers.SerializerMethodField()

    class Meta:
        model = Favourite
        fields = ["document", "created_at"]

    def get_document(self, fav: Favourite) -> dict:
        """The document's summary, or only its id once it is no longer visible to you."""
        request = self.context["request"]
        doc = fav.document
        if not access.can_view(request.user, doc):
            return {"id": doc.pk, "available": False}
        return {
            "id": doc.pk,
            "available": True,
            "title": doc.title,
            "url": request.build_absolute_uri(doc.get_absolute_url()),
        }


class UploadResultSerializer(serializers.Serializer):
    documents = DocumentStatusSerializer(many=True)
    # filename, code, reason; an own duplicate adds document (id) and url
    rejected = serializers.ListField(child=serializers.DictField())


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()
    detail = serializers.CharField()
    fields = serializers.DictField(required=False)
