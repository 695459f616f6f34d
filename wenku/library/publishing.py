"""What happens when a document becomes ready, in order. One place, so the order is visible.

1. quality checks (duplicates, stuffing) may hold the document for review;
2. the upload reward is paid only to a document that is published (not held);
3. the search index follows what is now visible.
"""

from __future__ import annotations

from .models import Document


def on_ready(doc: Document) -> None:
    from wenku.search.services import sync_document

    sync_document(doc)


def on_visibility_changed(doc: Document) -> None:
    from wenku.search.services import sync_document

    sync_document(doc)
