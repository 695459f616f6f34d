"""A page's preview image, served for the site's image URL and the API alike. The caller
checks access first (their refusals differ: the site answers 404, the API its JSON)."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from wenku.conversion.services import ensure_page_rendered
from wenku.library import serving, storage_layout
from wenku.library.models import Document


def serve_page_image(
    request: HttpRequest, doc: Document, number: int, width: int
) -> HttpResponseBase | None:
    """The image response, or None when the page cannot be rendered (yet)."""
    if not ensure_page_rendered(doc, number):  # pages past the preview render on first read
        return None
    public = doc.is_listed and number <= doc.free_pages  # shared caches only for free pages
    name = storage_layout.page_image_name(doc.pk, number, width)
    return serving.serve(request, name, public=public)
