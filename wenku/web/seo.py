"""Structured data (schema.org JSON-LD) and absolute URLs for search engines."""

from __future__ import annotations

import json
import mimetypes

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from wenku.library.models import Category, Document

MIME_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "rtf": "application/rtf",
    "txt": "text/plain",
    "wps": "application/wps-office.wps",
    "et": "application/wps-office.et",
    "dps": "application/wps-office.dps",
}

# Inside <script> only these can end the element or start markup: escape them as JSON does.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def mime_type(fmt: str) -> str:
    fmt = (fmt or "").lower()
    if not fmt:
        return ""
    return MIME_TYPES.get(fmt) or mimetypes.types_map.get(f".{fmt}", "")


def script_json(data: object) -> SafeString:
    """JSON safe to place between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def breadcrumb_ld(category: Category | None) -> dict:
    items = [{"name": settings.SITE_NAME, "url": absolute(reverse("web:home"))}]
    if category is not None:
        items += [
            {"name": c.name, "url": absolute(c.get_absolute_url())} for c in category.ancestors()
        ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": item["name"], "item": item["url"]}
            for i, item in enumerate(items, start=1)
        ],
    }


def document_ld(doc: Document, *, description: str, language: str, tags: list[str]) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "DigitalDocument",
        "name": doc.title,
        "identifier": str(doc.pk),
        "url": absolute(doc.get_absolute_url()),
        "numberOfPages": doc.page_count,
        "dateCreated": doc.created_at.isoformat(),
        "author": {
            "@type": "Person",
            "name": doc.owner.shown_name,
            "url": absolute(reverse("web:profile", args=[doc.owner.username])),
        },
        "isAccessibleForFree": doc.price == 0,
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
    }
    if description:
        data["description"] = description
    if language:
        data["inLanguage"] = language
    if encoding := mime_type(doc.format):
        data["encodingFormat"] = encoding
    if doc.category_id:
        data["about"] = {"@type": "Thing", "name": doc.category.name}
    if tags:
        data["keywords"] = ", ".join(tags)
    if doc.is_listed and doc.free_pages:
        data["thumbnailUrl"] = absolute(reverse("web:cover", args=[doc.pk]))
    return data
