"""The collection form (site and API share its rules through the serializer's validation)."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Collection


def plain_text(value: str, *, keep_newlines: bool = False) -> str:
    """Control characters out (NFC kept): HTML stays text, shown escaped by the templates."""
    allowed = {"\n"} if keep_newlines else set()
    cleaned = "".join(ch for ch in value if ch in allowed or unicodedata.category(ch)[0] != "C")
    return cleaned.strip()


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "description", "is_public"]
        labels = {"is_public": _("Public: anyone can see it, it appears in search")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_title(self) -> str:
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the collection a title."), code="required")
        return title

    def clean_description(self) -> str:
        return plain_text(self.cleaned_data.get("description", ""), keep_newlines=True)
