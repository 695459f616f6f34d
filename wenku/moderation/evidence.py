"""Evidence attachments: size-limited, type-checked by content, stored under our own names.

Accepted: PDF, office documents (wenku.conversion.sniff decides from the bytes) and PNG, JPEG,
GIF or WebP images (Pillow decides). Everything else — executables, archives, scripts, HTML
renamed to .pdf — is refused. ZIP-based office files are checked for zip bombs (total
expanded size and compression ratio) before they are accepted. Files are never served to
the public: only staff download them, as attachments (views_staff.evidence).
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from wenku.conversion.sniff import detect_format
from wenku.library.failures import ConversionError
from wenku.library.refusals import Refusal

from . import conf
from .models import Complaint, Evidence

OFFICE = {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "wps", "et", "dps"}
ACCEPTED_DOCUMENTS = OFFICE | {"pdf", "rtf"}
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
MAX_IMAGE_PIXELS = 40_000_000  # a 4000 × 10000 screenshot; beyond it a decompression bomb
MAX_EXPANDED = 200 * 1024 * 1024  # a ZIP-based office file may expand to this much
MAX_RATIO = 200  # … and no member may compress better than this
MAX_MEMBERS = 10_000
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}


class EvidenceError(Refusal, ValueError):
    """A refused attachment; the message is for the person who attached it."""

    code, status, field = "bad_evidence", 400, "evidence"


@dataclass
class CheckedFile:
    upload: UploadedFile
    path: Path
    format: str
    sha256: str
    name: str


def _image_format(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            fmt = IMAGE_FORMATS.get(img.format or "")
            if fmt is None:
                return None
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise EvidenceError(_("The image is too large."))
            img.verify()  # reads the whole stream: truncated or hostile data fails here
            return fmt
    except EvidenceError:
        raise
    except Image.DecompressionBombError:
        raise EvidenceError(_("The image is too large.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None


def _check_zip(path: Path) -> None:
    """Refuse a ZIP container that would expand into far more data than it holds."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise EvidenceError(_("The file is damaged and cannot be opened.")) from None
    if len(infos) > MAX_MEMBERS:
        raise EvidenceError(_("The file expands to far more data than its size suggests."))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if total > MAX_EXPANDED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise EvidenceError(_("The file expands to far more data than its size suggests."))


def sniff(path: Path, filename: str) -> str:
    """The accepted format of a file on disk, or EvidenceError."""
    image = _image_format(path)
    if image:
        return image
    try:
        fmt = detect_format(path, filename)
    except ConversionError:
        fmt = ""
    if fmt not in ACCEPTED_DOCUMENTS:
        raise EvidenceError(
            _("Attach PDF files, office documents or images (PNG, JPEG, GIF, WebP) only.")
        )
    with path.open("rb") as fh:
        if fh.read(4) == b"PK\x03\x04":
            _check_zip(path)
    return fmt


def check_files(files: list[UploadedFile], scratch: Path) -> list[CheckedFile]:
    """Validate every attachment (size, count, type) before anything is stored."""
    limit = conf.evidence_max_bytes()
    most = conf.int_setting("WENKU_EVIDENCE_MAX_FILES")
    if len(files) > most:
        raise EvidenceError(_("Attach at most %(count)d files.") % {"count": most})
    checked = []
    for index, upload in enumerate(files):
        name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
        if not upload.size:
            raise EvidenceError(_("%(name)s is empty.") % {"name": name})
        if upload.size > limit:
            raise EvidenceError(
                _("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit >> 20}
            )
        path = scratch / f"evidence-{index}"
        digest = hashlib.sha256()
        with path.open("wb") as out:
            for chunk in upload.chunks():
                digest.update(chunk)
                out.write(chunk)
        try:
            fmt = sniff(path, name)
        except EvidenceError as exc:
            raise EvidenceError(f"{name}: {exc}") from None
        checked.append(CheckedFile(upload, path, fmt, digest.hexdigest(), name))
    return checked


def store(complaint: Complaint, files: list[CheckedFile]) -> list[Evidence]:
    rows = []
    for item in files:
        row = Evidence(
            complaint=complaint,
            original_name=item.name,
            format=item.format,
            size=item.path.stat().st_size,
            sha256=item.sha256,
        )
        with item.path.open("rb") as fh:
            row.file.save("evidence", File(fh), save=False)
        row.save()
        rows.append(row)
    return rows


def scratch_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR)


def content_type(fmt: str) -> str:
    return CONTENT_TYPES.get(fmt, "application/octet-stream")
