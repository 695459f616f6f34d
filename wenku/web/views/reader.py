"""The reader's endpoints: a page's text layer (pages past the free preview load lazily),
"search in this document", and a member's remembered reading position. Each answers only
within the pages this reader may read (library.access.readable_pages)."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_http_methods, require_safe

from wenku.library import access, textlayers
from wenku.library.models import Document, Page

from .. import reader, stamps
from ..pagecache import shared_page

MAX_QUERY = 100


def _viewable(request: HttpRequest, pk: int) -> Document:
    doc = get_object_or_404(Document, pk=pk)
    if not access.can_view(request.user, doc):
        raise Http404("no such document")
    return doc


def _private(response: HttpResponse, public: bool = False) -> HttpResponse:
    # Free pages of a listed document are the same for everybody: an anonymous reader's is
    # shared by the page cache (its Cache-Control, ETag and exact invalidation, like the
    # document page's); the rest is per reader.
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


def _layer_deps(kwargs: dict) -> tuple[list[str], int | None]:
    return [stamps.doc(kwargs["pk"])], None  # a layer fetched is no page view


@shared_page(_layer_deps)
@require_safe
def layer(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One page's text layer as span placements; 404 for a page this reader may not read."""
    doc = get_object_or_404(Document, pk=pk)
    if not access.can_read_page(request.user, doc, number):
        raise Http404("no such page")
    page = get_object_or_404(Page.objects.defer("text"), document=doc, number=number)
    data = {"number": number, "copy": doc.allow_copy, "spans": reader.layer(doc, page)}
    return _private(JsonResponse(data), public=doc.is_listed and number <= doc.free_pages)


@require_safe
def find(request: HttpRequest, pk: int) -> HttpResponse:
    """Pages among those this reader may read whose text holds ?q=, with counts."""
    doc = _viewable(request, pk)
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    readable = access.readable_pages(request.user, doc)
    texts = list(
        Page.objects.filter(document=doc, number__lte=readable)
        .order_by("number")
        .values_list("number", "text")
    )
    pages = textlayers.find(texts, query) if query else []
    data = {"query": query, "pages": pages, "total": sum(p["count"] for p in pages)}
    return _private(JsonResponse(data))


@require_http_methods(["GET", "HEAD", "POST"])
def position(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the member's remembered page ({"page": null} for visitors); POST {"page": n}
    (CSRF-checked) stores it."""
    doc = _viewable(request, pk)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _private(JsonResponse({"error": "login_required"}, status=403))
        try:
            page = int(json.loads(request.body or b"{}").get("page"))
        except (TypeError, ValueError, AttributeError):
            return _private(JsonResponse({"error": "bad_page"}, status=400))
        return _private(JsonResponse({"page": textlayers.remember(request.user, doc, page)}))
    return _private(JsonResponse({"page": textlayers.position(request.user, doc)}))
