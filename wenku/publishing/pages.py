"""A page's preview image, served for the site's image URL and the API alike. The caller
checks access first (their refusals differ: the site answers 404, the API its JSON).

Pages beyond the upload's preview are rendered by the worker (wenku.publishing.tasks
.render_pages, queued here through wenku.conversion.pagerender); the web process never waits.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from wenku.conversion import pagerender
from wenku.library import serving, storage_layout
from wenku.library.models import Document, Page

from .tasks import render_pages


def request_pages(doc: Document, upto: int, near: int = 1) -> list[int]:
    """Queue the missing pages 1..upto nearest `near` for the worker; returns those missing."""
    return pagerender.request_pages(doc, upto, near, render_pages.delay)


def rendered(doc: Document, number: int) -> bool:
    """Whether the page's images exist; if not, the worker is asked to render it (and the
    pages after it) and the web process does not wait."""
    if Page.objects.filter(document=doc, number=number, rendered=True).exists():
        return True
    request_pages(doc, number, near=number)
    return Page.objects.filter(document=doc, number=number, rendered=True).exists()


def serve_page_image(
    request: HttpRequest, doc: Document, number: int, width: int
) -> HttpResponseBase | None:
    """The image response, or None while the page is queued for the worker (ask again)."""
    if not rendered(doc, number):
        return None
    public = doc.is_listed and number <= doc.free_pages  # shared caches only for free pages
    name = storage_layout.page_image_name(doc.pk, number, width)
    return serving.serve(request, name, public=public)
