"""Forms of the site: upload (several files at once) and document editing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wenku.conversion.sniff import ACCEPTED, EXT_ALIASES
from wenku.library.models import Category
from wenku.library.refusals import Text
from wenku.library.services import MAX_TAG_LENGTH, MAX_TAGS, category_tree, split_tags
from wenku.wallet.forms import PriceField


def accept_attribute() -> str:
    """File name endings the picker offers: every format the converter accepts."""
    return ",".join(f".{ext}" for ext in sorted(set(ACCEPTED) | set(EXT_ALIASES)))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files (Django: "Uploading multiple files")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [f for f in files if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        for item in files:
            if not getattr(item, "name", None) or not hasattr(item, "size"):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        # Content (empty, too large, unsupported) is judged per file by the library service,
        # so one bad file does not turn the others away.
        return list(files)


def form_errors(form: forms.Form) -> dict[str, list[str]]:
    """A form's errors as {field: [messages]}: the one shape the API and the site's JSON
    answers use ("__all__" for errors of the whole form)."""
    return {
        name: [str(e["message"]) for e in errs]
        for name, errs in form.errors.get_json_data().items()
    }


def category_choices() -> list[tuple[str, Text]]:
    """Every category, depth-first, children indented under their parent."""
    choices: list[tuple[str, Text]] = [("", _("— No category —"))]
    for cat, depth in category_tree():
        indent = "\u00a0\u00a0\u00a0\u00a0" * depth + ("└ " if depth else "")
        choices.append((str(cat.pk), indent + cat.name))
    return choices


def parse_tags(raw: str) -> list[str]:
    """Tags from "a, b，c": commas (ASCII or Chinese), 、 or semicolons separate them."""
    tags = split_tags(raw or "")
    too_long = [t for t in tags if len(t) > MAX_TAG_LENGTH]
    if too_long:
        raise forms.ValidationError(
            _("A tag may have at most %(max)d characters; “%(tag)s” has %(length)d."),
            code="tag_too_long",
            params={"max": MAX_TAG_LENGTH, "tag": too_long[0][:40], "length": len(too_long[0])},
        )
    if len(tags) > MAX_TAGS:
        raise forms.ValidationError(
            _("At most %(max)d tags, please; you entered %(count)d."),
            code="too_many_tags",
            params={"max": MAX_TAGS, "count": len(tags)},
        )
    return tags


class DocumentFieldsForm(forms.Form):
    """Fields shared by upload and edit: description, category, tags, free preview pages."""

    # Cleaned under the names that uploads.upload_documents and services.update_document take.
    SERVICE_FIELDS: tuple[str, ...] = (
        "title",
        "description",
        "category",
        "tags",
        "preview_limit",
        "price",
    )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SERVICE_FIELDS}

    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the document is about (optional, up to 5000 characters)."),
    )
    category = forms.TypedChoiceField(label=_("Category"), required=False, coerce=int)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Up to 10 tags separated by commas, each at most 20 characters."),
    )
    preview_limit = forms.IntegerField(label=_("Free preview pages"), required=False)
    price = PriceField()  # whole points, 0..WENKU_PRICE_MAX; empty = free

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.TypedChoiceField)  # declared above as one
        category.choices = category_choices()
        category.empty_value = None
        category.error_messages["invalid_choice"] = _("Choose a category from the list.")
        site_max = settings.WENKU_PREVIEW_PAGES
        field = self.fields["preview_limit"]
        message = _("Enter a whole number of pages from 1 to %(max)d, or leave it empty.") % {
            "max": site_max
        }
        field.error_messages.update(invalid=message, min_value=message, max_value=message)
        field.validators += [MinValueValidator(1, message), MaxValueValidator(site_max, message)]
        field.widget.attrs.update(min=1, max=site_max, placeholder=str(site_max))
        field.help_text = ngettext(
            "Pages anyone may read online. Empty = the site's %(max)d page.",
            "Pages anyone may read online. Empty = the site's %(max)d pages.",
            site_max,
        ) % {"max": site_max}

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        if value in (None, ""):
            return None
        category = Category.objects.filter(pk=value).first()
        if category is None:
            raise forms.ValidationError(_("Choose a category from the list."), code="invalid")
        return category

    def clean_tags(self) -> list[str]:
        return parse_tags(self.cleaned_data.get("tags", ""))


class UploadForm(DocumentFieldsForm):
    files = MultipleFileField(  # type: ignore[assignment]  # a form field, not BaseForm.files
        label=_("Files"),
        error_messages={"required": _("Choose at least one file to upload.")},
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_(
            "Used only when you upload a single file; otherwise each file's name is its title."
        ),
    )

    field_order = ["files", "title", "description", "category", "tags", "preview_limit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES or 100
        self.fields["files"].widget.attrs.update(
            {
                "accept": accept_attribute(),
                "data-max-files": max_files,
                "data-max-bytes": settings.WENKU_MAX_UPLOAD_MB * 1024 * 1024,
            }
        )
        self.fields["files"].help_text = _(
            "Up to %(files)d files at once, each at most %(mb)d MB: PDF, Word, PowerPoint, "
            "Excel, WPS, OpenDocument, RTF or TXT."
        ) % {"files": max_files, "mb": settings.WENKU_MAX_UPLOAD_MB}

    def clean_files(self):
        files = self.cleaned_data["files"]
        max_files = settings.DATA_UPLOAD_MAX_NUMBER_FILES or 100
        if len(files) > max_files:
            raise forms.ValidationError(
                _("At most %(max)d files per upload; you chose %(count)d."),
                params={"max": max_files, "count": len(files)},
                code="too_many_files",
            )
        return files


class EditForm(DocumentFieldsForm):
    SERVICE_FIELDS = (*DocumentFieldsForm.SERVICE_FIELDS, "allow_copy")

    title = forms.CharField(label=_("Title"), max_length=200)
    allow_copy = forms.BooleanField(
        label=_("Readers may select and copy the text"),
        required=False,
        help_text=_(
            "Off: the text stays on the pages for screen readers and search, but the browser "
            "does not let it be selected or copied. This only discourages copying; it does "
            "not protect the text."
        ),
    )

    field_order = ["title", "description", "category", "tags", "preview_limit"]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The title cannot be empty."), code="required")
        return title
