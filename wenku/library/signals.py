"""Order-free reactions to library changes (docs/architecture.md: signals only where order
does not matter). The search index and the upload reward follow these; the library does not
know who listens."""

from __future__ import annotations

from django.dispatch import Signal

# A document's visibility or listed fields changed (kwargs: document).
visibility_changed = Signal()
# A document's row is gone (kwargs: document_id).
document_deleted = Signal()
