"""List filters and ordering of the API (django-filter): the schema's query parameters are
generated from these (drf-spectacular's django-filter extension)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from wenku.library.models import Category, Document, Tag

ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "downloads": ("-downloads", "-id"),
    "views": ("-views", "-id"),
}


class DocumentFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(
        method="in_category", help_text="category slug or id (with subcategories)"
    )
    tag = django_filters.CharFilter(method="with_tag", help_text="exact tag name")
    format = django_filters.CharFilter(method="of_format", help_text="file format, e.g. pdf")
    owner = django_filters.CharFilter(method="by_owner", help_text="uploader's user name")
    # A method filter, not OrderingFilter: an unknown value falls back to newest (as before).
    ordering = django_filters.CharFilter(
        method="ordered", help_text=f"one of {', '.join(ORDERINGS)}; default newest"
    )

    class Meta:
        model = Document
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Document]) -> QuerySet[Document]:
        docs = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("ordering"):
            docs = docs.order_by(*ORDERINGS["newest"])
        return docs.prefetch_related("tags")

    def in_category(self, docs: QuerySet[Document], name: str, raw: str) -> QuerySet[Document]:
        raw = raw.strip()
        if not raw:
            return docs
        cat = Category.objects.filter(
            Q(slug=raw) | Q(pk=int(raw)) if raw.isdigit() else Q(slug=raw)
        ).first()
        return docs.filter(category_id__in=cat.descendant_ids()) if cat else docs.none()

    def with_tag(self, docs: QuerySet[Document], name: str, raw: str) -> QuerySet[Document]:
        return docs.filter(tags__name=raw.strip()) if raw.strip() else docs

    def of_format(self, docs: QuerySet[Document], name: str, raw: str) -> QuerySet[Document]:
        return docs.filter(format=raw.strip().lower()) if raw.strip() else docs

    def by_owner(self, docs: QuerySet[Document], name: str, raw: str) -> QuerySet[Document]:
        return docs.filter(owner__username=raw.strip()) if raw.strip() else docs

    def ordered(self, docs: QuerySet[Document], name: str, value: str) -> QuerySet[Document]:
        return docs.order_by(*ORDERINGS.get(value, ORDERINGS["newest"]))


class StaffDocumentFilter(DocumentFilter):
    # Plain text, as before: an unknown value lists nothing rather than refusing.
    status = django_filters.CharFilter(help_text=", ".join(Document.Status.values))
    visibility = django_filters.CharFilter(help_text=", ".join(Document.Visibility.values))


class TagFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="named", help_text="part of the tag name")

    class Meta:
        model = Tag
        fields: list[str] = []

    def named(self, tags: QuerySet[Tag], name: str, raw: str) -> QuerySet[Tag]:
        q = raw.strip().replace("\x00", "")
        return tags.filter(name__icontains=q) if q else tags
