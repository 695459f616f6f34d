"""Run the site's own forms on API input, so the API accepts exactly what the pages accept.

JSON bodies may give tags as a list; forms expect the comma-separated text of the page.
Form errors become DRF ValidationErrors, i.e. {"error": "invalid", "detail", "fields"}.
"""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework.exceptions import ValidationError

from wenku.library.models import Document
from wenku.publishing.forms import form_errors

EDITABLE = ("title", "description", "category", "tags", "preview_limit", "price", "allow_copy")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    if isinstance(value, bool):  # what a checkbox field reads as true or false
        return "true" if value else "false"
    return str(value)


def form_data(data: Any, keys: tuple[str, ...]) -> dict[str, str]:
    """Only the keys we know, as strings (a JSON number or list is fine)."""
    if hasattr(data, "getlist"):
        return {key: _text(data.getlist(key)) for key in keys if key in data}
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["The body must be an object."]})
    return {key: _text(data[key]) for key in keys if key in data}


def current_values(doc: Document) -> dict[str, str]:
    """The document's fields as the edit form shows them: a PATCH overlays the changes."""
    return {
        "title": doc.title,
        "description": doc.description,
        "category": str(doc.category_id or ""),
        "tags": ",".join(tag.name for tag in doc.tags.all()),
        "preview_limit": "" if doc.preview_limit is None else str(doc.preview_limit),
        "price": str(doc.price),
        "allow_copy": "true" if doc.allow_copy else "false",
    }


def cleaned(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError(form_errors(form))
    return form.cleaned_data
