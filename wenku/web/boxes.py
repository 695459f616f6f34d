"""The boxes of the document page that differ by viewer (buy or download, add to collection,
ratings and comments), rendered from plain values and kept in this process's memory under
those values: every viewer in the same position (the same price and balance, the same own
collections, no comments yet) shares one rendering, and a box shows nothing but what its
values hold. What differs on every request, the CSRF token and the buy form's idempotency
key, is written in after, in place of a per-process marker the template was given."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wenku.collections.services import own_titles
from wenku.library.models import Document
from wenku.reviews.box import values as review_values

PREFIX = "wenku:box:"
MARK = secrets.token_hex(12)  # unknown outside this process: no content can forge it
FILLABLE = re.compile(r"[A-Za-z0-9_-]*")


def render(
    template_name: str, values: dict[str, Any], fill: dict[str, str] | None = None
) -> SafeString:
    """The template rendered with `values` (plain data only: they are the cache key), then
    each name in `fill` written in (tokens and keys: letters, digits, - and _)."""
    fill = fill or {}
    raw = json.dumps([template_name, translation.get_language(), sorted(fill), values],
                     sort_keys=True, default=str)  # fmt: skip
    key = PREFIX + hashlib.sha256(raw.encode()).hexdigest()
    rendered = caches["fragments"].get(key)
    if rendered is None:
        markers = {name: f"{MARK}{name}{MARK}" for name in fill}
        rendered = render_to_string(template_name, {**values, **markers})
        caches["fragments"].set(key, rendered, settings.WENKU_PAGE_CACHE_SECONDS)
    for name, value in fill.items():
        if not FILLABLE.fullmatch(value):
            raise ValueError(f"not fillable: {name}")
        rendered = rendered.replace(f"{MARK}{name}{MARK}", value)
    return mark_safe(rendered)  # noqa: S308 - our own rendering of escaped plain values


def token(request: HttpRequest) -> dict[str, str]:
    # Members only: asking for a token makes the page private (anonymous pages are shared).
    # One masked token for the page's forms (masking one costs as much as rendering a box).
    if not request.user.is_authenticated:
        return {}
    value = getattr(request, "wenku_csrf_token", None)
    if value is None:
        value = request.wenku_csrf_token = get_token(request)  # type: ignore[attr-defined]
    return {"csrf_token": value}


def buy(request: HttpRequest, doc: Document, wallet: dict[str, Any]) -> SafeString:
    shown = {k: v for k, v in wallet.items() if k != "idempotency_key"}
    fill = token(request)
    if "idempotency_key" in wallet:
        fill["idempotency_key"] = wallet["idempotency_key"]
    values = {"doc": {"pk": doc.pk, "price": doc.price}, "wallet": shown,
              "request": {"get_full_path": request.get_full_path()}}  # fmt: skip
    return render("wallet/_buy_box.html", values, fill)


def collections(request: HttpRequest, doc: Document) -> SafeString:
    if not request.user.is_authenticated:
        return mark_safe("")
    values = {"doc": {"pk": doc.pk}, "own_collections": own_titles(request.user),
              "request": {"path": request.path}}  # fmt: skip
    return render("collections/_add_to_collection.html", values, token(request))


def reviews(request: HttpRequest, doc: Document) -> SafeString:
    box = review_values(request.user, doc, request.GET)
    if box.get("page", {}).get("threads"):
        # Comments carry per-viewer controls (own, voted, staff): rendered for this viewer.
        context = {"doc": doc, "reviews": box, "request": request, "user": request.user}
        return mark_safe(render_to_string("reviews/_reviews.html", context, request=request))  # noqa: S308
    values = {"reviews": box, "request": {"path": request.path},
              "doc": {"pk": doc.pk, "rating_count": doc.rating_count,
                      "rating_average": doc.rating_average}}  # fmt: skip
    return render("reviews/_reviews.html", values, token(request))


def of_page(request: HttpRequest, doc: Document, wallet: dict[str, Any]) -> dict[str, SafeString]:
    """The document page's three boxes; `wallet` from wenku.wallet.context.buy_box."""
    return {
        "buy": buy(request, doc, wallet),
        "collections": collections(request, doc),
        "reviews": reviews(request, doc),
    }
