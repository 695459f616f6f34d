"""Library operations used by the web views, the API and the command line."""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse

from wenku.conversion.errors import ConversionError, reason_text

from .models import Category, Document, Tag

log = logging.getLogger(__name__)

MAX_TAGS = 10
MAX_TAG_LENGTH = 20


@dataclass
class UploadError:
    filename: str
    code: str
    reason: str
    document_id: int | None = None  # own_duplicate: the member's document with this file
    url: str = ""


class OwnDuplicate(Exception):
    """The member uploads a file they already have on the site (same SHA-256)."""

    def __init__(self, existing: Document) -> None:
        super().__init__(f"duplicate of own document {existing.pk}")
        self.existing = existing


def own_duplicate_error(filename: str, existing: Document) -> UploadError:
    from django.utils.translation import gettext as _

    reason = _(
        "You have already uploaded this file as “%(title)s” (document %(id)d). "
        "Edit that document instead of uploading it again."
    ) % {"title": existing.title, "id": existing.pk}
    return UploadError(filename, "own_duplicate", reason, existing.pk, existing.get_absolute_url())


def listed_documents() -> QuerySet[Document]:
    return Document.objects.filter(
        status=Document.Status.READY, visibility=Document.Visibility.PUBLIC
    ).select_related("owner", "category")


def title_from_filename(name: str) -> str:
    """A readable title from an uploaded file name: no directories, extension or control chars."""
    base = re.split(r"[\\/]", name or "")[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[_\s]+", " ", stem).strip(" .-")
    return stem[:200] or "未命名文档"


def clean_tags(raw: Iterable[str] | str) -> list[str]:
    """Tags from a list or a comma-separated string (ASCII or Chinese commas)."""
    if isinstance(raw, str):
        raw = re.split(r"[,，、;；\n]", raw)
    tags: list[str] = []
    for item in raw:
        tag = unicodedata.normalize("NFKC", item).strip()[:MAX_TAG_LENGTH]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


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
    from wenku.conversion.sniff import detect_format

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
    from wenku.moderation.services import check_upload

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
        _set_tags(doc, tags)
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


def _set_tags(doc: Document, names: Iterable[str]) -> None:
    tags = [Tag.objects.get_or_create(name=name)[0] for name in clean_tags(list(names))]
    doc.tags.set(tags)


def enqueue_conversion(doc: Document) -> None:
    """Queue the conversion once the row is committed (the worker must see it)."""
    from wenku.conversion.tasks import convert_document

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
    enqueue_conversion(doc)


def document_status(doc: Document) -> dict:
    total = doc.progress_total
    if doc.status == Document.Status.READY:
        percent = 100
    elif total:
        percent = min(99, int(doc.pages_done * 100 / total))
    else:
        percent = 0
    return {
        "id": doc.pk,
        "status": doc.status,
        "status_label": str(doc.get_status_display()),
        "stage": doc.progress_stage,
        "pages_done": doc.pages_done,
        "progress_total": total,
        "page_count": doc.page_count,
        "percent": percent,
        "reason": doc.failure_reason,
        "url": reverse("web:document", args=[doc.pk]),
    }


def _sync_search(doc: Document) -> None:
    from .publishing import on_visibility_changed

    on_visibility_changed(doc)


def update_document(
    doc: Document,
    *,
    title: str,
    description: str,
    category: Category | None,
    tags: Iterable[str],
    preview_limit: int | None,
    price: int | None = None,
) -> Document:
    doc.title = title.strip()[:200] or doc.title
    doc.description = description.strip()
    doc.category = category
    doc.preview_limit = preview_limit
    fields = ["title", "description", "category", "preview_limit", "updated_at"]
    if price is not None:  # None = unchanged; purchases keep the price they paid
        doc.price = price
        fields.append("price")
    with transaction.atomic():
        doc.save(update_fields=fields)
        _set_tags(doc, tags)
    _sync_search(doc)
    return doc


def set_visibility(doc: Document, visibility: str) -> Document:
    doc.visibility = visibility
    doc.save(update_fields=["visibility", "updated_at"])
    _sync_search(doc)
    return doc


def stored_names(doc: Document) -> list[str]:
    """Every storage name a document may have (works for local disk and object storage)."""
    from . import storage_layout

    names = [doc.original.name] if doc.original else []
    names += [storage_layout.cover_name(doc.pk), storage_layout.pdf_name(doc.pk)]
    for number in range(1, doc.page_count + 1):
        for width in settings.WENKU_PREVIEW_WIDTHS:
            names.append(storage_layout.page_image_name(doc.pk, number, width))
    return names


def delete_document(doc: Document) -> None:
    """Delete the row, its search entry and every stored file of the document."""
    from django.core.files.storage import default_storage

    from wenku.search.services import remove_document

    doc.refresh_from_db()  # the page count decides which preview names exist
    doc_id, names = doc.pk, stored_names(doc)
    doc.delete()
    remove_document(doc_id)
    for name in names:
        default_storage.delete(name)  # a missing name is not an error


def record_view(doc: Document) -> None:
    Document.objects.filter(pk=doc.pk).update(views=F("views") + 1)
