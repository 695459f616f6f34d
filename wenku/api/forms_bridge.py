"""Run the site's own forms on API input, so the API accepts exactly what the pages accept.

`FormSerializer` is how every API request body (and the search's query) is read: its declared
fields are what the schema shows (drf-spectacular), its validation is the site's form.
JSON bodies may give tags as a list; forms expect the comma-separated text of the page.
Form errors become DRF ValidationErrors, i.e. {"error": "invalid", "detail", "fields"}.
"""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers
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


class FormSerializer(serializers.Serializer):
    """A request serializer whose fields document the input and whose validation is a form.

    Subclasses set `form_class` and declare the form's fields (tests/api/test_schema_shape
    checks that the two agree); `make_form` builds the form from the raw input (override it
    for files or extra arguments), `refuse` turns an invalid form into the API's error.
    After `is_valid()`, `self.form` is the bound, valid form (for `service_fields()`).
    """

    form_class: type[forms.Form]

    def make_form(self, data: Any) -> forms.Form:
        return self.form_class(form_data(data, tuple(self.fields)))

    def refuse(self, form: forms.Form) -> None:
        raise ValidationError(form_errors(form))

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # The form decides everything (empty, null and non-object bodies included).
        self.form = self.make_form({} if data is serializers.empty else data)
        if not self.form.is_valid():
            self.refuse(self.form)
        return self.form.cleaned_data

    def to_representation(self, instance: Any) -> Any:  # input only
        raise NotImplementedError(f"{type(self).__name__} reads requests only")
