"""The search parameters, as one GET form shared by the web page and the JSON API."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wenku.library.models import Category
from wenku.library.services import category_tree

from .services import Filters
from .text import MAX_QUERY_CHARS

# What readers pick; an exact format ("docx") is accepted too.
FORMAT_FAMILIES = {
    "pdf": ("pdf",),
    "doc": ("doc", "docx", "wps", "odt", "rtf"),
    "ppt": ("ppt", "pptx", "dps", "odp"),
    "xls": ("xls", "xlsx", "et", "ods"),
    "txt": ("txt",),
}
DATE_RANGES = {"day": 1, "week": 7, "month": 31, "year": 366}
TRUE, FALSE = {"1", "true", "yes", "free"}, {"0", "false", "no", "paid"}


def category_choices() -> list[tuple[str, str]]:
    """Every category in tree order, indented under its parent."""
    return [(cat.slug, "\u3000" * depth + cat.name) for cat, depth in category_tree()]


class QueryField(forms.CharField):
    """Any text is a valid query: NUL characters (which Django rejects) are dropped."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")[:MAX_QUERY_CHARS]


class SearchForm(forms.Form):
    q = QueryField(required=False, strip=False, label=_("Search"))
    category = forms.CharField(required=False, label=_("Category"))
    format = forms.CharField(required=False, label=_("Format"))
    free = forms.CharField(required=False, label=_("Price"))
    pages_min = forms.IntegerField(
        required=False, min_value=0, max_value=1_000_000, label=_("Pages from")
    )
    pages_max = forms.IntegerField(
        required=False, min_value=0, max_value=1_000_000, label=_("Pages to")
    )
    date = forms.ChoiceField(
        required=False,
        label=_("Uploaded"),
        choices=[
            ("", _("Any time")),
            ("day", _("Past day")),
            ("week", _("Past week")),
            ("month", _("Past month")),
            ("year", _("Past year")),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("relevance", _("Relevance")),
            ("newest", _("Newest")),
            ("downloads", _("Most downloaded")),
            ("rating", _("Best rated")),
        ],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    FORMAT_CHOICES = [
        ("", _("All formats")),
        ("pdf", "PDF"),
        ("doc", "Word"),
        ("ppt", "PowerPoint"),
        ("xls", "Excel"),
        ("txt", "TXT"),
    ]
    FREE_CHOICES = [("", _("Free and paid")), ("1", _("Free")), ("0", _("Paid"))]

    def clean_category(self) -> Category | None:
        raw = (self.cleaned_data.get("category") or "").strip()
        if not raw:
            return None
        numeric = raw.isascii() and raw.isdigit() and len(raw) <= 18  # fits a bigint
        lookup = {"pk": int(raw)} if numeric else {"slug": raw[:60]}
        cat = Category.objects.filter(**lookup).first()
        if cat is None:
            raise forms.ValidationError(_("Unknown category."))
        return cat

    def clean_format(self) -> tuple[str, ...]:
        raw = (self.cleaned_data.get("format") or "").strip().lower()
        if not raw:
            return ()
        if not (raw.isascii() and raw.isalnum() and len(raw) <= 10):
            raise forms.ValidationError(_("Unknown format."))
        return FORMAT_FAMILIES.get(raw, (raw,))

    def clean_free(self) -> bool | None:
        raw = (self.cleaned_data.get("free") or "").strip().lower()
        if raw in TRUE:
            return True
        if raw in FALSE:
            return False
        if raw in ("", "any", "all"):
            return None
        raise forms.ValidationError(_("Use 1 for free documents or 0 for paid ones."))

    def filters(self) -> Filters:
        """The filters from every valid field (an invalid one is ignored, and reported)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        days = DATE_RANGES.get(data.get("date") or "")
        return Filters(
            category=data.get("category"),
            formats=data.get("format") or (),
            pages_min=data.get("pages_min"),
            pages_max=data.get("pages_max"),
            free=data.get("free"),
            # Whole minutes, so the compiled filter SQL can be cached (services).
            since=timezone.now().replace(second=0, microsecond=0) - timedelta(days=days)
            if days
            else None,
        )

    def value(self, name: str, default=None):
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return data.get(name) or default
