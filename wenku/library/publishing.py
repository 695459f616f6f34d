"""What happens when a document becomes ready, in order. One place, so the order is visible.

1. quality checks (duplicates, stuffing) may hold the document for review; moderation
   refuses a taken-down text and may hold it for pre-publication review;
2. the upload reward is paid only to a document that is published (not held);
3. right after that transaction commits, the search index follows what is now visible
   (its own short transaction: a worker that dies in between leaves a listed document without
   a search entry, and the recovery sweep's search.indexing.index_missing adds it).
"""

from __future__ import annotations

from .models import Document


def prepare(text: str) -> None:
    """Text-only work of on_ready, done before the publishing transaction (no locks held)."""
    from wenku.quality.services import prepare as prepare_quality

    prepare_quality(text)


def on_ready(doc: Document) -> None:
    from wenku.quality.services import on_ready as check_quality
    from wenku.wallet.services import reward_upload

    # 1. Quality checks (duplicates, stuffing) may hold (or, by policy, reject) the document.
    check_quality(doc)

    # 1b. Moderation: a text on the copyright block list fails the document; pre-publication
    # review (WENKU_PREPUBLICATION_REVIEW) may hold it for staff.
    from wenku.moderation.services import on_ready as moderate

    moderate(doc)

    # 2. The upload reward re-reads the document and pays only a listed one, once per document.
    reward_upload(doc)


def after_ready(doc: Document) -> None:
    """3. Called once on_ready's transaction has committed."""
    from wenku.search.services import sync_document

    doc.refresh_from_db()
    sync_document(doc)


def on_visibility_changed(doc: Document) -> None:
    from wenku.search.services import sync_document
    from wenku.wallet.services import reverse_upload_reward, reward_upload

    # A held document that staff publish earns its reward then (still once per text); one
    # removed for cause gives it back (docs/decisions.md).
    if doc.visibility == Document.Visibility.REMOVED:
        reverse_upload_reward(doc)
    else:
        reward_upload(doc)
    sync_document(doc)
