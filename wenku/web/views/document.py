"""The document page, its page images and cover, and the owner's status and retry actions."""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from wenku.conversion.ocr_jobs import ocr_page_numbers
from wenku.conversion.ocr_jobs import status as ocr_status
from wenku.library import access, services, serving, storage_layout
from wenku.library.models import Document, Page
from wenku.publishing import uploads
from wenku.publishing.pages import request_pages, serve_page_image
from wenku.search.services import related_documents
from wenku.security.redirects import safe_next
from wenku.wallet.context import buy_box

from .. import boxes, member, reader, seo, stamps, text
from ..pagecache import config_stamp, count_view, shared_page

A4_RATIO = 297 / 210
FIGURES_PREFIX = "wenku:figures:"
ROW_PREFIX = "wenku:docrow:"

STAGE_LABELS = {
    "start": gettext_lazy("Starting"),
    "sniff": gettext_lazy("Checking the file"),
    "office": gettext_lazy("Converting to PDF"),
    "ebook": gettext_lazy("Converting the ebook to PDF"),
    "pdf": gettext_lazy("Converting to PDF"),
    "open": gettext_lazy("Opening the document"),
    "text": gettext_lazy("Extracting text"),
    "render": gettext_lazy("Rendering page previews"),
    "cover": gettext_lazy("Making the cover"),
    "quality": gettext_lazy("Checking quality"),
    "index": gettext_lazy("Indexing for search"),
    "done": gettext_lazy("Done"),
    "failed": gettext_lazy("Failed"),
}


def stage_label(stage: str) -> str:
    if not stage:
        return ""
    return str(STAGE_LABELS.get(stage, gettext_lazy("Converting")))


def status_data(doc: Document, ocr: dict | None = None) -> dict:
    data = services.document_status(doc)
    data["stage_label"] = stage_label(data.get("stage", ""))
    data.update(ocr if ocr is not None else ocr_status(doc))
    data["ocr_label"] = (
        _("Recognising text %(done)s/%(total)s")
        % {"done": data["ocr_done"], "total": data["ocr_total"]}
        if data["ocr_active"]
        else ""
    )
    return data


def managed_document(request: HttpRequest, pk: int) -> Document:
    """The document if this user may manage it; 404 otherwise (existence is not revealed)."""
    doc = get_object_or_404(Document.objects.select_related("owner", "category"), pk=pk)
    if not access.can_manage(request.user, doc):
        raise Http404("no such document")
    return doc


def _previews(
    doc: Document, pages: list[Page], missing: list[int], layer_upto: int = 0
) -> list[dict]:
    """The page figures; pages 1..layer_upto (the free preview) carry their text layer."""
    widths = sorted(settings.WENKU_PREVIEW_WIDTHS)
    largest, pending = widths[-1], set(missing)
    previews = []
    for page in pages:
        ratio = A4_RATIO
        if page.width_pt > 0 and page.height_pt > 0:
            ratio = page.height_pt / page.width_pt
        urls = [(w, reverse("web:page_image", args=[doc.pk, page.number, w])) for w in widths]
        previews.append(
            {
                "number": page.number,
                "rendered": page.number not in pending,
                "src": urls[-1][1],
                "srcset": ", ".join(f"{url} {w}w" for w, url in urls),
                "width": largest,
                "height": max(1, round(largest * ratio)),
                "layer": reader.layer(doc, page) if page.number <= layer_upto else None,
            }
        )
    return previews


def _related(doc: Document) -> list[Document]:
    return list(related_documents(doc, limit=6))


def _text_pages(doc: Document, upto: int) -> tuple[list[dict], list[str]]:
    """The text block's pages 1..upto (OCR'd ones marked) and their raw texts."""
    page_texts = list(
        Page.objects.filter(document=doc, number__lte=upto)
        .order_by("number")
        .values_list("number", "text")
    )
    ocr_numbers = ocr_page_numbers(doc)
    text_pages = [
        {"number": number, "paragraphs": paras, "ocr": number in ocr_numbers}
        for number, raw in page_texts
        if (paras := text.paragraphs(raw))
    ]
    return text_pages, [raw for _, raw in page_texts]


def _document_deps(kwargs: dict) -> tuple[list[str], int | None]:
    return [stamps.doc(kwargs["pk"])], kwargs["pk"]


def _document_stamps(pk: int) -> list[str]:
    return [stamps.LISTS, stamps.doc(pk)]


def _public_parts(doc: Document, text_upto: int) -> dict:
    """Context values the cached fragments need: callables (the template calls them) over one
    memo, so a fragment hit runs none of their queries."""

    @functools.cache
    def parts() -> dict:
        text_pages, raw_texts = _text_pages(doc, text_upto)
        description = text.summary(raw_texts) or text.summary([doc.description]) or doc.title
        tags = [t.name for t in doc.tags.all()]
        ld = seo.document_ld(
            doc, description=description, language=text.guess_language(" ".join(raw_texts)),
            tags=tags,
        )  # fmt: skip
        return {
            "text_pages": text_pages,
            "tags": tags,
            "meta_description": description,
            "breadcrumb": doc.category.ancestors() if doc.category_id else [],
            "related": _related(doc) if doc.is_listed else [],
            "json_ld": seo.script_json(ld),
            "breadcrumb_ld": seo.script_json(seo.breadcrumb_ld(doc.category)),
        }

    names = ("text_pages", "tags", "meta_description", "breadcrumb", "related", "json_ld",
             "breadcrumb_ld")  # fmt: skip
    return {name: functools.partial(lambda n: parts()[n], name) for name in names}


def _figures(
    request: HttpRequest, doc: Document, readable: int, text_upto: int, part: str
) -> tuple[str, bool, bool]:
    """The page figures (images, text layers of the free pages) as HTML, whether there are
    any, and whether some are still placeholders. Once every page is rendered the HTML is
    cached under the page's stamps for everyone who may read as many pages (the anonymous
    page, any member's, any buyer's), in this process's memory (the key holds the stamps,
    read from the shared cache this request): a hit reads neither the pages nor their text
    layers."""
    raw = f"{part}|{translation.get_language()}|{doc.pk}|{readable}|{text_upto}"
    key = FIGURES_PREFIX + hashlib.sha256(raw.encode()).hexdigest()
    fragments = caches["fragments"]
    cached = fragments.get(key)
    if cached is not None:
        return mark_safe(cached[0]), cached[1], False  # noqa: S308 - our own rendered HTML
    pages = list(
        Page.objects.filter(document=doc, number__lte=readable).defer("text").order_by("number")
    )
    missing = [p.number for p in pages if not p.rendered]
    if missing and request.method == "GET":  # the worker renders them; the page polls
        missing = request_pages(doc, readable, near=missing[0])
    previews = _previews(doc, pages, missing, layer_upto=text_upto)
    html = render_to_string(
        "web/_page_figures.html", {"doc": doc, "previews": previews, "request": request}
    )
    if not missing:
        fragments.set(key, (html, bool(pages)), settings.WENKU_PAGE_CACHE_SECONDS)
    return mark_safe(html), bool(pages), bool(missing)  # noqa: S308 - rendered just now


def _document_row(pk: int, part: str, *, fresh: bool = False) -> Document:
    """The document with its owner and category. A reader's copy comes from this process's
    memory under the page's stamps, which every change a reader can see bumps (the same
    freshness as the shared anonymous page, which is all of this row rendered); `fresh`
    reads the database (owners and staff: conversion progress is not stamped)."""
    key = f"{ROW_PREFIX}{pk}:{part}"
    fragments = caches["fragments"]
    doc = None if fresh else fragments.get(key)
    if doc is None:
        doc = get_object_or_404(Document.objects.select_related("owner", "category"), pk=pk)
        fragments.set(key, doc, settings.WENKU_PAGE_CACHE_SECONDS)
    return doc


@shared_page(_document_deps)
@require_safe
def document(request: HttpRequest, pk: int) -> HttpResponse:
    # The parts every reader sees alike are cached (the row, rendered fragments) under the
    # page's stamps (read now, before anything is read or rendered) and the site's
    # configuration (a lowered WENKU_PREVIEW_PAGES): computed only on a miss.
    stamped = stamps.current(_document_stamps(pk), create=True)
    part = ":".join([config_stamp(), *(str(v) for v in stamped.values())])
    doc = _document_row(pk, part)
    user = request.user
    rights = access.rights(user, doc)
    if rights.manage:
        doc = _document_row(pk, part, fresh=True)
        rights = access.rights(user, doc)
    if not (doc.is_listed or rights.manage):
        raise Http404("no such document")
    manager, readable = rights.manage, rights.readable
    # The text block is what the public may read, never more, even for the owner.
    text_upto = min(readable, doc.free_pages)
    figures, has_previews, pending = _figures(request, doc, readable, text_upto, part)
    if doc.is_listed and not manager and request.method == "GET":
        count_view(doc.pk)  # a reader: counted in batches, like the cached page's hits
    head = member.header(request)
    context = {
        "doc": doc,
        "manager": manager,
        "readable": readable,
        "has_previews": has_previews,
        "figures": figures,
        "pages_pending": pending,
        "text_upto": text_upto,
        "hidden_pages": max(0, doc.page_count - readable),
        # Only the cached head fragment shows these: called on a fragment miss only.
        "canonical": functools.cache(lambda: seo.absolute(doc.get_absolute_url())),
        "og_image": lambda: seo.absolute(reverse("web:cover", args=[doc.pk]))
        if doc.is_listed and doc.free_pages
        else "",
        "part": part,
        **_public_parts(doc, text_upto),
        "status": status_data(doc) if manager else None,
    }
    context["boxes"] = boxes.of_page(request, doc, buy_box(user, doc, rights, head["points"]))
    context.update(boxes.token(request))  # the header's forms use the boxes' token
    response = render(request, "web/document.html", context)
    # Placeholders fill in as the worker renders: not a page to share (it would stay so).
    response.shared_cache = not pending  # type: ignore[attr-defined]
    return response


@require_safe
def page_image(request: HttpRequest, pk: int, number: int, width: int) -> HttpResponse:
    if width not in settings.WENKU_PREVIEW_WIDTHS:
        raise Http404("no such width")
    doc = get_object_or_404(Document, pk=pk)
    if not access.can_read_page(request.user, doc, number):
        raise Http404("no such page")
    response = serve_page_image(request, doc, number, width)
    if response is None:
        response = HttpResponse(status=404)  # queued for the worker: ask again shortly
        response["Retry-After"] = "3"
        response["Cache-Control"] = "no-store"
    return response


@require_safe
def cover(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(Document, pk=pk)
    if not access.can_read_page(request.user, doc, 1):
        raise Http404("no such page")
    public = doc.is_listed and doc.free_pages >= 1
    return serving.serve(request, storage_layout.cover_name(doc.pk), public=public)


def _int_param(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 7 else default


@require_safe
def page_state(request: HttpRequest, pk: int) -> JsonResponse:
    """The document page's placeholders poll this: which pages from ?from= to ?to= (at most
    200, and only those this reader may read) have their images now, and their URLs. The
    missing ones nearest ?from= are queued for the worker."""
    doc = get_object_or_404(Document, pk=pk)
    if not access.can_view(request.user, doc):
        raise Http404("no such document")
    readable = access.readable_pages(request.user, doc)
    first = max(1, _int_param(request, "from", 1))
    last = min(readable, _int_param(request, "to", readable), first + 199)
    missing = [n for n in request_pages(doc, last, near=first) if n >= first]
    ready = Page.objects.filter(
        document=doc, number__gte=first, number__lte=last, rendered=True
    ).defer("text")
    images = {str(p["number"]): p for p in _previews(doc, list(ready), [])}
    response = JsonResponse({"readable": readable, "missing": missing, "images": images})
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def document_status(request: HttpRequest, pk: int) -> JsonResponse:
    doc = managed_document(request, pk)
    response = JsonResponse(status_data(doc))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def document_retry(request: HttpRequest, pk: int) -> HttpResponse:
    doc = managed_document(request, pk)
    if doc.status == Document.Status.FAILED:
        uploads.retry_conversion(doc)
        messages.success(
            request, _("“%(title)s” is queued for conversion again.") % {"title": doc.title}
        )
    else:
        messages.info(request, _("Only a failed conversion can be retried."))
    return redirect(safe_next(request, reverse("web:my_documents")))
