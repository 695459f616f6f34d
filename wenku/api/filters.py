"""List filters and ordering of the API (django-filter): the schema's query parameters are
generated from these (drf-spectacular's django-filter extension)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet

from wenku.library.models import Category, Document, Tag
from wenku.moderation.models import Complaint
from wenku.wallet import payouts
from wenku.wallet.models import Payout

ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "downloads": ("-downloads", "-id"),
    "views": ("-views", "-id"),
}


class LenientFilterSet(django_filters.FilterSet):
    """Choice filters that ignore an unknown value (as the hand-parsed filters did) rather
    than refusing the request; the schema still lists the choices."""

    lenient: tuple[str, ...] = ()

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            unknown = [n for n in self.lenient if n in data and not self._known(n, data)]
            if unknown:
                data = data.copy()
                for name in unknown:
                    data.pop(name)
        super().__init__(data, *args, **kwargs)

    def _known(self, name: str, data) -> bool:
        choices = self.base_filters[name].extra["choices"]
        return data.get(name) in {value for value, _label in choices}


class DocumentFilter(LenientFilterSet):
    category = django_filters.CharFilter(
        method="in_category", help_text="category slug or id (with subcategories)"
    )
    tag = django_filters.CharFilter(method="with_tag", help_text="exact tag name")
    format = django_filters.CharFilter(method="of_format", help_text="file format, e.g. pdf")
    owner = django_filters.CharFilter(method="by_owner", help_text="uploader's user name")
    # Not OrderingFilter: an unknown value falls back to newest (as before).
    ordering = django_filters.ChoiceFilter(
        choices=[(name, name) for name in ORDERINGS], method="ordered", help_text="default newest"
    )
    lenient = ("ordering",)

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


class CaseFilter(LenientFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Complaint.Kind.choices, help_text="one type only (unknown: every type)"
    )
    lenient = ("kind",)

    class Meta:
        model = Complaint
        fields: list[str] = []


class PayoutFilter(LenientFilterSet):
    status = django_filters.ChoiceFilter(
        choices=Payout.Status.choices,
        method="with_status",
        help_text="one status only, pending oldest first (unknown: every payout)",
    )
    lenient = ("status",)

    class Meta:
        model = Payout
        fields: list[str] = []

    def with_status(self, rows: QuerySet[Payout], name: str, value: str) -> QuerySet[Payout]:
        return payouts.staff_queue(value)  # the wallet's own queue and its order
