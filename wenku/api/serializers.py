"""Shapes of the documents, catalog and account endpoints: responses, and request bodies as
FormSerializers (forms_bridge: fields for the schema, the site's own forms from
wenku.publishing.forms for validation, so the API and the upload page accept the same values).
The search and wallet shapes are beside their views (views_wallet_drf), complaints and
moderation in serializers_moderation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from wenku.conversion.ocr_jobs import status as ocr_status
from wenku.library import access, services
from wenku.library.models import Category, Document, Favourite, Page, Tag
from wenku.publishing.forms import EditForm, UploadForm
from wenku.publishing.uploads import UploadError

from .forms_bridge import EDITABLE, FormSerializer, current_values, form_data


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


class PageSerializer(serializers.ModelSerializer):
    """Only given pages access.can_read_page allowed (the caller checks)."""

    images = serializers.SerializerMethodField()

    class Meta:
        model = Page
        fields = ["number", "text", "width_pt", "height_pt", "images"]

    def get_images(self, page: Page) -> dict[str, str]:
        """width -> URL: the API's image URL, which honours token authentication (the site's
        URL only sessions)."""
        request = self.context["request"]
        path = reverse("api:document_page_image", args=[page.document_id, page.number])
        widths = settings.WENKU_PREVIEW_WIDTHS
        return {str(w): request.build_absolute_uri(f"{path}?width={w}") for w in widths}


class PageImageQuerySerializer(serializers.Serializer):
    width = serializers.IntegerField(required=False, help_text="px, one of the site's widths")

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # Checked by hand so the message names the widths (as it always did).
        widths = settings.WENKU_PREVIEW_WIDTHS
        raw = data.get("width", str(max(widths)))
        if not raw.isdigit() or int(raw) not in widths:
            raise serializers.ValidationError({"width": [f"One of {widths}."]})
        return {"width": int(raw)}


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


class RejectedFileSerializer(serializers.Serializer):
    """A file refused for its content; an own earlier copy adds `document` and `url`."""

    filename = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()
    document = serializers.IntegerField(source="document_id", required=False)
    url = serializers.URLField(required=False)

    def to_representation(self, error: UploadError) -> dict:
        data = {"filename": error.filename, "code": error.code, "reason": str(error.reason)}
        if error.url:
            data["document"] = error.document_id
            data["url"] = self.context["request"].build_absolute_uri(error.url)
        return data


class UploadResultSerializer(serializers.Serializer):
    documents = DocumentStatusSerializer(many=True)
    rejected = RejectedFileSerializer(many=True)


class UploadRequestSerializer(FormSerializer):
    form_class = UploadForm

    files = serializers.ListField(child=serializers.FileField())
    title = serializers.CharField(required=False, help_text="single-file uploads only")
    description = serializers.CharField(required=False)
    category = serializers.IntegerField(required=False)
    tags = serializers.CharField(required=False, help_text="comma-separated")
    preview_limit = serializers.IntegerField(required=False)
    price = serializers.IntegerField(required=False)

    def make_form(self, data: Any) -> UploadForm:
        request = self.context["request"]
        return UploadForm(request.POST, request.FILES)


class DocumentEditSerializer(FormSerializer):
    """A PATCH: the fields sent overlay the document's current values."""

    form_class = EditForm

    title = serializers.CharField(required=False, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    category = serializers.IntegerField(required=False, allow_null=True)
    tags = serializers.ListField(child=serializers.CharField(), required=False)
    preview_limit = serializers.IntegerField(required=False, allow_null=True)
    price = serializers.IntegerField(required=False)
    allow_copy = serializers.BooleanField(required=False)

    def make_form(self, data: Any) -> EditForm:
        return EditForm({**current_values(self.context["document"]), **form_data(data, EDITABLE)})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="send as `Authorization: Token <token>`")


class ErrorSerializer(serializers.Serializer):
    """Every error body (wenku.api.errors); some refusals add their own keys."""

    error = serializers.CharField(help_text="a stable code")
    detail = serializers.CharField(help_text="for people, in the reader's language")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="invalid input: the messages per field",
    )
