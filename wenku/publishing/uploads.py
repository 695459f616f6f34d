"""Uploads: one document per accepted file, stored and queued for conversion.

Refusals before anything is stored (empty, too large, unsupported, a banned member, a
taken-down file) come back as UploadError per file; the rest is the worker's
(wenku.publishing.tasks).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from wenku.conversion.sniff import detect_format
from wenku.library.failures import ConversionError, reason_text
from wenku.library.models import Category, Document
from wenku.library.refusals import Refusal
from wenku.library.services import clean_tags, set_tags, title_from_filename
from wenku.moderation.services import check_upload

from . import ready
from .tasks import convert_document


class UploadError(Refusal):
    """One refused file of an upload. Listed, not raised: the other files go on."""

    def __init__(
        self,
        filename: str,
        code: str,
        reason: str,
        document_id: int | None = None,
        url: str = "",
    ) -> None:
        super().__init__(reason, code=code)
        self.filename, self.reason = filename, reason
        # own_duplicate: the member's document with this file, and its address.
        self.document_id, self.url = document_id, url


class OwnDuplicate(Refusal):
    """The member uploads a file they already have on the site (same SHA-256)."""

    code = "own_duplicate"
    status = 409

    def __init__(self, existing: Document) -> None:
        super().__init__(
            _(
                "You have already uploaded this file as “%(title)s” (document %(id)d). "
                "Edit that document instead of uploading it again."
            )
            % {"title": existing.title, "id": existing.pk}
        )
        self.existing = existing


def own_duplicate_error(filename: str, existing: Document) -> UploadError:
    refusal = OwnDuplicate(existing)
    return UploadError(
        filename, refusal.code, str(refusal.message), existing.pk, existing.get_absolute_url()
    )


def _local_path(upload: UploadedFile, scratch: Path) -> Path:
    """A path on disk for the upload: Django's temporary file, or a copy of an in-memory one."""
    if hasattr(upload, "temporary_file_path"):
        return Path(upload.temporary_file_path())
    with scratch.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return scratch


def create_document(
    owner,
    path: Path,
    *,
    filename: str,
    title: str = "",
    description: str = "",
    category: Category | None = None,
    tags: Iterable[str] = (),
    preview_limit: int | None = None,
    price: int = 0,
    enqueue: bool = True,
    refuse_own_copy: bool = False,
) -> Document:
    """Store a local file as a new document and (unless told not to) queue its conversion.

    Raises ConversionError for files refused before storing (empty, too large, unsupported),
    and OwnDuplicate (with `refuse_own_copy`: the site form and the API) when the member
    already has a document with exactly this file.
    """
    size = path.stat().st_size
    if size == 0:
        raise ConversionError("empty")
    if size > settings.WENKU_MAX_UPLOAD_MB * 1024 * 1024:
        raise ConversionError("too_large", f"{size} bytes")
    fmt = detect_format(path, filename)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    # Repeat infringers and taken-down files are refused before anything is stored.
    check_upload(owner, digest.hexdigest())
    if refuse_own_copy:
        existing = Document.objects.filter(owner=owner, file_sha256=digest.hexdigest()).first()
        if existing is not None:
            raise OwnDuplicate(existing)
    doc = Document(
        owner=owner,
        title=(title.strip() or title_from_filename(filename))[:200],
        description=description.strip(),
        category=category,
        original_name=title_from_filename(filename)[:200] + (f".{fmt}" if fmt else ""),
        file_size=size,
        file_sha256=digest.hexdigest(),
        format=fmt,
        preview_limit=preview_limit,
        price=price,  # validated by the form (wenku.wallet.forms.PriceField)
    )
    with transaction.atomic():
        with path.open("rb") as fh:
            doc.original.save("upload", File(fh), save=False)
        doc.save()
        set_tags(doc, tags)
        if enqueue:
            enqueue_conversion(doc)
    return doc


def upload_documents(
    owner,
    files: list[UploadedFile],
    *,
    title: str = "",
    description: str = "",
    category: Category | None = None,
    tags: Iterable[str] = (),
    preview_limit: int | None = None,
    price: int = 0,
) -> tuple[list[Document], list[UploadError]]:
    """One document per accepted file. A title is used only when a single file is uploaded."""
    created: list[Document] = []
    errors: list[UploadError] = []
    tags = clean_tags(tags)
    single = len(files) == 1
    with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as tmp:
        for index, upload in enumerate(files):
            name = upload.name or ""
            scratch = Path(tmp) / f"upload-{index}"
            try:
                doc = create_document(
                    owner,
                    _local_path(upload, scratch),
                    filename=name,
                    title=title if single else "",
                    description=description,
                    category=category,
                    tags=tags,
                    preview_limit=preview_limit,
                    price=price,
                    # A member's exact re-upload is refused, pointing at the copy they have
                    # (a second copy only clutters the library; it earns no reward either).
                    refuse_own_copy=True,
                )
                created.append(doc)
            except OwnDuplicate as exc:
                errors.append(own_duplicate_error(name, exc.existing))
            except ConversionError as exc:
                errors.append(UploadError(name, exc.code, reason_text(exc.code)))
            finally:
                scratch.unlink(missing_ok=True)
    return created, errors


def enqueue_conversion(doc: Document) -> None:
    """Queue the conversion once the row is committed (the worker must see it)."""
    doc_id = doc.pk
    transaction.on_commit(lambda: convert_document.delay(doc_id))


def retry_conversion(doc: Document) -> None:
    Document.objects.filter(pk=doc.pk).update(
        status=Document.Status.UPLOADED,
        failure_code="",
        failure_detail="",
        conversion_attempts=0,
        pages_done=0,
        progress_total=0,
        progress_stage="",
    )
    doc.refresh_from_db()
    ready.announce(doc)  # a document converting again is off the public pages
    enqueue_conversion(doc)
