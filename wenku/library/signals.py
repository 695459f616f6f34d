"""Order-free reactions to library changes (docs/architecture.md: signals only where order
does not matter). The search index and the upload reward follow these; the library does not
know who listens."""

from __future__ import annotations

from django.dispatch import Signal

# A document's visibility or listed fields changed (kwargs: document).
visibility_changed = Signal()
# A document's row is gone (kwargs: document_id).
document_deleted = Signal()
# Something shown on one document's page changed without touching the document row (a rating,
# a comment, a comment hidden by staff; kwargs: document_id). Page caches follow it.
document_page_changed = Signal()
# Something shown in public lists changed that no document signal covers (a collection made
# public or private, an author's public page; no kwargs). List and search caches follow it.
listing_changed = Signal()
