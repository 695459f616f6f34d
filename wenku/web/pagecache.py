"""The shared page cache for anonymous readers (home, categories, document pages, sitemap,
search results for queries asked more than once), in Django's cache: the file cache on the
embedded default, Redis with WENKU_CACHE_URL, so every web process shares it.

PageCacheMiddleware stands early in settings.MIDDLEWARE (after the security headers and
WhiteNoise, before sessions, CSRF and authentication): a hit costs two cache reads and no
database query. Only a GET without a session cookie, a messages cookie or an Authorization
header is looked up or stored; such a visitor is anonymous, so the page holds no member's data.
Views opt in with @shared_page; the middleware's process_view reads the entry's version
stamps (wenku.web.stamps) before the view renders, and stores the response only if it is a
plain 200 that set no cookie and used no CSRF token. Entries vary by language (the visitor's
language cookie, as SiteLanguageMiddleware reads it) and by the full path with its query.

Every shared page carries an ETag and Last-Modified and answers If-None-Match /
If-Modified-Since with 304; Cache-Control lets a CDN keep it WENKU_CDN_SECONDS (0 by default:
it revalidates every request, so it is never stale after a takedown; docs/deploy.md).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from wenku.library.services import record_views

from . import stamps

ENTRY_PREFIX = "wenku:pc:page:"
SEEN_PREFIX = "wenku:pc:seen:"
VIEW_BATCH = 10  # views counted in memory are written to the row this many at a time
VIEW_FLUSH_SECONDS = 60  # ... or once the oldest of them is this old
SKIP_HEADERS = frozenset({"set-cookie", "date", "server"})
# A page's stamps and whether its views are counted: deps(view kwargs) -> (names, doc id).
Deps = Callable[[dict[str, Any]], tuple[list[str], int | None]]


def shared_page(deps: Deps | None = None, *, common_only: bool = False) -> Callable:
    """Mark a view's anonymous responses as shareable. deps names the stamps its content
    depends on beyond "lists" (every shared page shows lists: navigation, related documents)
    and the document whose views a cached hit counts. common_only: store a page only once the
    same URL has been asked again within the cache's lifetime (search: a one-off query, such
    as a prober's, would only fill the cache)."""

    def mark(view: Callable) -> Callable:
        view.wenku_shared_page = (deps, common_only)  # type: ignore[attr-defined]
        return view

    return mark


@functools.cache
def code_stamp() -> str:
    """The newest template's mtime (once per process): a deploy that changes a page's markup
    leaves no earlier entry reachable, though it sends no signal."""
    root = Path(__file__).resolve().parents[1]
    newest = max((p.stat().st_mtime_ns for p in root.glob("*/templates/**/*.html")), default=0)
    return f"{newest:x}"


def config_stamp() -> str:
    """Part of every key: a lowered site preview length (WENKU_PREVIEW_PAGES), another site
    name or new templates make earlier entries unreachable."""
    return f"{code_stamp()}:{settings.WENKU_PREVIEW_PAGES}:{settings.SITE_NAME}"


def visitor_language(request: HttpRequest) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def eligible(request: HttpRequest) -> bool:
    """An anonymous GET the cache may answer: no session, no pending messages, no token."""
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and settings.WENKU_PAGE_CACHE
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def entry_key(request: HttpRequest) -> str:
    raw = f"{config_stamp()}|{visitor_language(request)}|{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def cache_control(response: HttpResponse) -> None:
    cdn = settings.WENKU_CDN_SECONDS
    patch_cache_control(response, public=True, max_age=0, s_maxage=cdn, must_revalidate=True)


class ViewCounter:
    """Views of pages served from the cache (and of preview readers' renders), counted in this
    process's memory and added to the row in one write per VIEW_BATCH views of a document, or
    for every document once its oldest uncounted view is VIEW_FLUSH_SECONDS old, and at exit.
    A hit costs no cache write (the file cache's write is a rename and a directory listing,
    ten times the rest of a hit); a process killed outright loses fewer than VIEW_BATCH views
    per document it had uncounted."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: dict[int, int] = {}
        self.since = 0.0  # when the oldest uncounted view was seen

    def add(self, doc_id: int) -> None:
        now = time.monotonic()
        with self.lock:
            if not self.pending:
                self.since = now
            count = self.pending[doc_id] = self.pending.get(doc_id, 0) + 1
            if now - self.since >= VIEW_FLUSH_SECONDS:
                due, self.pending = self.pending, {}
            elif count >= VIEW_BATCH:
                due = {doc_id: self.pending.pop(doc_id)}
            else:
                return
        for pk, n in due.items():
            record_views(pk, n)

    def flush(self) -> None:
        with self.lock:
            due, self.pending = self.pending, {}
        for pk, n in due.items():
            record_views(pk, n)

    def forget(self) -> None:
        """Drop uncounted views (tests: ids repeat across tests that roll back)."""
        with self.lock:
            self.pending = {}


views = ViewCounter()


def local() -> BaseCache:
    """Each process's memory cache (settings.CACHES["fragments"]): copies of shared entries and
    document page fragments, all keyed or checked by the shared stamps."""
    return caches["fragments"]


def count_view(doc_id: int) -> None:
    views.add(doc_id)


def _flush_at_exit() -> None:
    try:
        views.flush()
    except Exception:  # noqa: BLE001 - at exit, the database may be gone already
        pass


atexit.register(_flush_at_exit)


def serve(request: HttpRequest, entry: tuple) -> HttpResponse | None:
    """The stored page if its stamps are still current; None otherwise (render afresh)."""
    recorded, headers, body, etag, modified, doc_id = entry
    if stamps.current(recorded) != recorded:
        return None
    response = HttpResponse(body)
    for name, value in headers:
        response.headers[name] = value
    if doc_id is not None:
        count_view(doc_id)
    return (
        get_conditional_response(request, etag=etag, last_modified=modified, response=response)
        or response
    )


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED") or not getattr(response, "shared_cache", True):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def store(request: HttpRequest, response: HttpResponse, key: str, plan: tuple) -> HttpResponse:
    recorded, doc_id = plan
    body = response.content
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    modified = int(time.time())
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    cache_control(response)
    headers = [(k, v) for k, v in response.items() if k.lower() not in SKIP_HEADERS]
    entry = (recorded, headers, body, etag, modified, doc_id)
    cache.set(key, entry, settings.WENKU_PAGE_CACHE_SECONDS)
    return (
        get_conditional_response(request, etag=etag, last_modified=modified, response=response)
        or response
    )


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not eligible(request):
            response = self.get_response(request)
            if getattr(request, "wenku_private_page", False) and "Cache-Control" not in response:
                # A shareable page rendered for a member: kept out of shared caches and CDNs.
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = entry_key(request)
        # This process's copy first (no file read, no decompression): served only while its
        # recorded stamps are the shared cache's current ones, like the shared entry itself.
        entry = local().get(key)
        if entry is not None and (hit := serve(request, entry)) is not None:
            return hit
        entry = cache.get(key)
        if entry is not None and (hit := serve(request, entry)) is not None:
            local().set(key, entry, settings.WENKU_PAGE_CACHE_SECONDS)
            return hit
        request.wenku_page_key = key  # type: ignore[attr-defined]
        response = self.get_response(request)
        plan = getattr(request, "wenku_page_plan", None)
        if plan is not None and storable(request, response):
            return store(request, response, key, plan)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        marked = getattr(view_func, "wenku_shared_page", None)
        if marked is None:
            return None
        deps, common_only = marked
        names, doc_id = deps(view_kwargs) if deps is not None else ([], None)
        key = getattr(request, "wenku_page_key", None)
        if key is None:
            request.wenku_private_page = True  # type: ignore[attr-defined]
            return None
        if common_only and cache.add(SEEN_PREFIX + key, 1, settings.WENKU_PAGE_CACHE_SECONDS):
            return None  # the first time this URL is asked: rendered, not stored
        # Read before rendering: a change committed meanwhile leaves this entry stale at once.
        recorded = stamps.current([stamps.LISTS, *names], create=True)
        request.wenku_page_plan = (recorded, doc_id)  # type: ignore[attr-defined]
        return None
