"""What invalidates the shared page cache (wenku.web.stamps), connected in WebConfig.ready.

The library's signals cover staff, moderation and quality (visibility_changed), deletions,
ratings/comments (document_page_changed) and public collections (listing_changed); the
publishing layer sends them when a conversion, re-conversion or OCR pass publishes a document.
Saves through the ORM (the admin, update_document) are caught by post_save as well, except
those that touch only counters and conversion progress, which no cached page depends on
exactly (views are counted beside the cache, see wenku.web.pagecache).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from wenku.collections.models import Collection, CollectionItem
from wenku.library import signals
from wenku.library.models import Category, Document, Tag

from . import stamps

# Document fields whose change alone leaves every public page as it was.
QUIET_FIELDS = frozenset(
    {
        "views",
        "downloads",
        "conversion_heartbeat",
        "progress_stage",
        "pages_done",
        "progress_total",
        "conversion_attempts",
    }
)


def on_visibility_changed(sender: object = None, *, document: Document, **_: object) -> None:
    stamps.bump_document(document.pk)


def on_document_id(sender: object = None, *, document_id: int, **_: object) -> None:
    stamps.bump_document(document_id)


def on_page_changed(sender: object = None, *, document_id: int, **_: object) -> None:
    # A rating or comment shows on the document's own page; lists that show it too send
    # listing_changed as well.
    stamps.bump(stamps.doc(document_id))


def on_listing_changed(sender: object = None, **_: object) -> None:
    stamps.bump_lists()


def on_document_saved(sender: object, instance: Document, update_fields=None, **_: object) -> None:
    if update_fields is not None and set(update_fields) <= QUIET_FIELDS:
        return
    stamps.bump_document(instance.pk)


def on_document_removed(sender: object, instance: Document, **_: object) -> None:
    stamps.bump_document(instance.pk)


def on_tags_changed(sender: object, instance: object, **_: object) -> None:
    if isinstance(instance, Document):
        stamps.bump_document(instance.pk)
    else:
        stamps.bump_lists()


def on_lists_model_changed(sender: object, **_: object) -> None:
    stamps.bump_lists()


def on_member_saved(sender: object, update_fields=None, **_: object) -> None:
    # Every log-in saves last_login; only a change of what pages show (a name) matters.
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return
    stamps.bump_lists()


def on_collection_changed(
    sender: object, instance: object, update_fields=None, **_: object
) -> None:
    """A collection or one of its items saved or deleted, the admin's included: at once, as
    well as collections.services' listing_changed after commit. A collection's own save
    bumps even when private (it may have just been made private); a private collection's
    items and its "updated" touch show nowhere public."""
    if isinstance(instance, Collection):
        touch = update_fields is not None and set(update_fields) <= {"updated_at"}
        if instance.is_public or not touch:
            stamps.bump_lists()
        return
    try:
        public = instance.collection.is_public  # type: ignore[attr-defined]
    except Collection.DoesNotExist:  # an item deleted with its collection
        public = True
    if public:
        stamps.bump_lists()


def connect() -> None:
    uid = "web.pagecache"
    signals.visibility_changed.connect(on_visibility_changed, dispatch_uid=uid)
    signals.document_deleted.connect(on_document_id, dispatch_uid=uid)
    signals.document_page_changed.connect(on_page_changed, dispatch_uid=uid)
    signals.listing_changed.connect(on_listing_changed, dispatch_uid=uid)
    post_save.connect(on_document_saved, sender=Document, dispatch_uid=uid)
    post_delete.connect(on_document_removed, sender=Document, dispatch_uid=uid)
    m2m_changed.connect(on_tags_changed, sender=Document.tags.through, dispatch_uid=uid)
    for model in (Category, Tag):
        post_save.connect(on_lists_model_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(on_lists_model_changed, sender=model, dispatch_uid=uid)
    post_save.connect(on_member_saved, sender=get_user_model(), dispatch_uid=uid)
    for model in (Collection, CollectionItem):
        post_save.connect(on_collection_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(on_collection_changed, sender=model, dispatch_uid=uid)
