"""Sending stored preview files after the view has checked access.

MEDIA_URL is never served: every page image and cover goes through a view that asks
wenku.library.access first, then hands the file over in one of three ways
(settings.WENKU_SERVE_MODE):

- "django" (default): stream it from the default storage, with ETag/Last-Modified so a
  browser revalidates cheaply;
- "x-accel": an empty response with X-Accel-Redirect for nginx (an `internal` location
  mapping WENKU_X_ACCEL_PREFIX to the media directory);
- "x-sendfile": an empty response with X-Sendfile (Apache mod_xsendfile, lighttpd).
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Free pages of a listed document may sit in shared caches this long; a takedown can
# therefore linger in a CDN for up to this many seconds.
PUBLIC_MAX_AGE = 3600
PRIVATE_MAX_AGE = 600


def cache_control(public: bool) -> str:
    max_age = getattr(settings, "WENKU_PREVIEW_CACHE_SECONDS", PUBLIC_MAX_AGE)
    if public:
        return f"public, max-age={max_age}"
    return f"private, max-age={PRIVATE_MAX_AGE}"


def serve(
    request: HttpRequest, name: str, *, public: bool, content_type: str = "image/webp"
) -> HttpResponseBase:
    """Send the stored file `name`; `public` = anyone may read it (shared caches allowed)."""
    mode = getattr(settings, "WENKU_SERVE_MODE", "django")
    if mode == "x-accel":
        response: HttpResponseBase = HttpResponse(content_type=content_type)
        prefix = settings.WENKU_X_ACCEL_PREFIX.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
    elif mode == "x-sendfile":
        try:
            path = default_storage.path(name)
        except NotImplementedError as exc:
            raise ImproperlyConfigured(
                "WENKU_SERVE_MODE=x-sendfile needs a storage with local paths"
            ) from exc
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = path
    else:
        response = _stream(request, name, content_type)
    response["Cache-Control"] = cache_control(public)
    return response


def _stream(request: HttpRequest, name: str, content_type: str) -> HttpResponseBase:
    try:
        modified = default_storage.get_modified_time(name)
        size = default_storage.size(name)
    except FileNotFoundError as exc:
        raise Http404("no such file") from exc
    except NotImplementedError:
        modified, size = None, None
    etag = last_modified = None
    if modified is not None:
        last_modified = int(modified.timestamp())
        etag = f'"{int(modified.timestamp() * 1000):x}-{size:x}"'
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            not_modified["ETag"] = etag
            return not_modified
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404("no such file") from exc
    response = FileResponse(handle, content_type=content_type)
    if etag:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    return response
