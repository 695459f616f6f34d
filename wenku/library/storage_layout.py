"""Where a document's files live in storage. Names are ours: never the uploader's file name."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Document


def original_upload_to(document: Document, filename: str) -> str:
    # Only a known format becomes the extension; the uploaded name is display text only.
    ext = document.format if document.format.isalnum() else "bin"
    return f"originals/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.{ext}"


def document_dir(document_id: int) -> str:
    return f"documents/{document_id}"


def page_image_name(document_id: int, number: int, width: int) -> str:
    return f"{document_dir(document_id)}/pages/{number}-{width}.webp"


def cover_name(document_id: int) -> str:
    return f"{document_dir(document_id)}/cover.webp"


def pdf_name(document_id: int) -> str:
    """The converted PDF: kept so pages beyond the preview can be rendered on demand."""
    return f"{document_dir(document_id)}/converted.pdf"


def text_layer_name(document_id: int, number: int) -> str:
    """A page's text layer (lines with boxes, JSON): the reader's selectable overlay."""
    return f"{document_dir(document_id)}/layer/{number}.json"
