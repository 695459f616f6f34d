"""Signed, expiring, single-use download URLs for originals, bound to the member they were
made for, and the delivery that refunds a paid download automatically if it fails.

A URL carries {document, user, nonce} signed with a TimestampSigner: changing any part breaks
the signature; it expires after WENKU_DOWNLOAD_URL_SECONDS; it works only for the member it
was made for (checked against request.user); the nonce becomes a Download row when used, so a
replayed URL is refused. Access is checked again when the URL is used (a takedown in between
wins).
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wenku.library import access, serving
from wenku.library.models import Document
from wenku.library.refusals import Text
from wenku.security.clientip import client_ip

from . import conf
from .errors import (
    DeliveryFailed,
    DownloadLimit,
    LinkExpired,
    LinkInvalid,
    LinkNotYours,
    LinkUsed,
    LoginRequired,
    NotAvailable,
    NotPurchased,
)
from .models import Download, DownloadFailure
from .services import live_purchase, refund_purchase

log = logging.getLogger(__name__)
SALT = "wenku.wallet.download"


@dataclass
class DownloadLink:
    url: str  # path; the API makes it absolute
    expires_at: dt.datetime


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def _check_access(user, doc: Document) -> None:
    if not access.can_view(user, doc):
        raise NotAvailable()
    if not access.can_download(user, doc):
        raise NotPurchased()


def _check_limits(user, ip: str | None) -> None:
    """Daily limits per member and per IP address; staff are not limited."""
    if user.is_staff:
        return
    since = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    done = Download.objects.filter(ok=True, created_at__gte=since)
    per_member = conf.int_setting("WENKU_DOWNLOADS_PER_DAY")
    if per_member and done.filter(user_id=user.pk).count() >= per_member:
        raise DownloadLimit()
    per_ip = conf.int_setting("WENKU_DOWNLOADS_PER_IP_PER_DAY")
    if per_ip and ip and done.filter(ip=ip).count() >= per_ip:
        raise DownloadLimit()


def issue_link(user, doc: Document, *, ip: str | None = None) -> DownloadLink:
    """A fresh download URL for a member who may download the original."""
    if user is None or not user.is_authenticated:
        raise LoginRequired()
    _check_access(user, doc)
    _check_limits(user, ip)
    token = _signer().sign_object({"d": doc.pk, "u": user.pk, "n": secrets.token_urlsafe(12)})
    seconds = conf.int_setting("WENKU_DOWNLOAD_URL_SECONDS", 1)
    # The signer's own clock, so "expires_at" and the check agree.
    issued = signing.b62_decode(token.rsplit(":", 2)[-2])
    expires = dt.datetime.fromtimestamp(issued + seconds, tz=dt.UTC)
    return DownloadLink(reverse("wallet:file", args=[token]), expires)


def _verify(token: str) -> dict:
    seconds = conf.int_setting("WENKU_DOWNLOAD_URL_SECONDS", 1)
    try:
        data = _signer().unsign_object(token, max_age=seconds)
    except signing.SignatureExpired as exc:
        raise LinkExpired() from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise LinkInvalid() from exc
    if not isinstance(data, dict) or not {"d", "u", "n"} <= data.keys():
        raise LinkInvalid()
    return data


def download_filename(doc: Document) -> str:
    """The document's title and extension: never the stored name."""
    title = unicodedata.normalize("NFC", doc.title)
    title = "".join(ch for ch in title if unicodedata.category(ch)[0] != "C")
    title = re.sub(r'[\\/:*?"<>|]+', " ", title).strip(" .") or f"document-{doc.pk}"
    ext = doc.format if doc.format.isalnum() else ""
    if not ext:
        stored = (doc.original.name or "").rsplit(".", 1)
        ext = stored[-1] if len(stored) == 2 and stored[-1].isalnum() else "bin"
    return f"{title[:150]}.{ext.lower()}"


def content_disposition(filename: str, doc_id: int) -> str:
    """attachment; an ASCII fallback name, and the real name RFC 5987-encoded."""
    ext = filename.rsplit(".", 1)[-1]
    fallback = filename if filename.isascii() else f"document-{doc_id}.{ext}"
    fallback = fallback.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def deliver(request: HttpRequest, token: str, user=None) -> HttpResponseBase:
    """Serve the original for a valid link; refuse anything else with a WalletError.

    `user` is who the request authenticated as (the session's member by default; the API
    passes its token's member). The file is always sent whole with status 200: no request
    header (If-Match, If-None-Match, If-Modified-Since, If-Range, Range) is looked at, so
    only a failure the server itself meets while opening the stored file refunds.
    """
    data = _verify(token)
    user = user if user is not None else request.user
    if not user.is_authenticated or user.pk != data["u"]:
        raise LinkNotYours()
    doc = Document.objects.filter(pk=data["d"]).first()
    if doc is None:
        raise NotAvailable()
    _check_access(user, doc)
    ip = client_ip(request)
    _check_limits(user, ip)
    try:  # consuming the nonce makes the URL single-use
        with transaction.atomic():
            record = Download.objects.create(nonce=data["n"], user=user, document=doc, ip=ip)
    except IntegrityError as exc:
        raise LinkUsed() from exc
    filename = download_filename(doc)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    name = doc.original.name or ""
    try:
        response = _open_original(name, content_type)
    except Exception as exc:  # noqa: BLE001 - storage backends raise many kinds; all are ours
        _failed(user, doc, name, exc)
    response["Content-Disposition"] = content_disposition(filename, doc.pk)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Accept-Ranges"] = "none"
    Download.objects.filter(pk=record.pk).update(ok=True)
    if not access.can_manage(user, doc):
        Document.objects.filter(pk=doc.pk).update(downloads=F("downloads") + 1)
    return response


def _open_original(name: str, content_type: str) -> HttpResponseBase:
    """The stored original as a whole-file 200 response. Reads nothing from the request.

    Django mode streams it here, without ETag or Last-Modified (nothing to revalidate, and
    ConditionalGetMiddleware could otherwise turn it into a 304). x-accel / x-sendfile hand
    it to the web server: docs/deploy.md configures its originals location without ranges
    or conditional answers.
    """
    if not name or not default_storage.exists(name):
        raise FileNotFoundError(name or "no original stored")
    if getattr(settings, "WENKU_SERVE_MODE", "django") != "django":
        # The web server sends the file: it reads the request's headers, this code does not.
        return serving.serve(None, name, public=False, content_type=content_type)  # type: ignore[arg-type]
    handle = default_storage.open(name, "rb")
    response = FileResponse(handle, content_type=content_type)
    size = default_storage.size(name)
    response["Content-Length"] = str(size)
    return response


def _failed(user, doc: Document, name: str, exc: BaseException) -> NoReturn:
    """Record the failure for staff, refund the live paid purchase (once: this ends it), and
    refuse."""
    log.warning("download of document %s failed: %r", doc.pk, exc)
    purchase = live_purchase(user, doc.pk)
    refund = refund_purchase(purchase, memo=_("Failed download")) if purchase else None
    DownloadFailure.objects.create(
        user=user,
        document=doc,
        purchase=purchase,
        stored_name=name[:255],
        error=f"{type(exc).__name__}: {exc}"[:500],
        refund=refund,
    )
    detail: Text = DeliveryFailed.default_detail
    if refund is not None and purchase is not None:
        detail = _(
            "The file could not be delivered. Your %(points)d points were refunded and the "
            "failure was recorded for the site's staff. Buy the document again to read it."
        ) % {"points": purchase.price}
    raise DeliveryFailed(detail, refunded=refund is not None)
