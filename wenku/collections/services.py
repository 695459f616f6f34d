"""Collections: create, edit, add/remove/reorder documents, favourite; who sees what.

Rules: a private collection exists only for its owner (and staff): to anyone else it is the
same 404 as an unknown id. A collection shows only the documents its viewer may view
(library.access): a document hidden or removed since drops out of a public collection for
everyone but those who may still see it. Only the owner edits. Changes that anonymous
visitors can see send library.signals.listing_changed after commit (page caches follow it).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wenku.library import access, signals
from wenku.library.models import Document
from wenku.library.refusals import Refusal

from .models import Collection, CollectionFavourite, CollectionItem

MAX_ITEMS = 500
MAX_PER_MEMBER = 200
TITLES_PREFIX = "wenku:collections:titles:"
TITLES_SECONDS = 3600


class CollectionError(Refusal):
    code, status = "collection_error", 400


class CollectionNotFound(CollectionError):
    code, status = "not_found", 404
    default_message = _("This collection does not exist.")


class NotYourCollection(CollectionError):
    code, status = "not_your_collection", 403
    default_message = _("Only the member who made this collection may change it.")


class DocumentNotFound(CollectionError):
    code, status, field = "not_found", 404, "document"
    default_message = _("This document does not exist or is not available.")


class TooMany(CollectionError):
    code, status = "collection_full", 400


def _member(user) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def _changed(collection: Collection, was_public: bool = False) -> None:
    if collection.is_public or was_public:
        transaction.on_commit(lambda: signals.listing_changed.send(sender=Collection))


def can_view(user, collection: Collection) -> bool:
    if collection.is_public:
        return True
    return _member(user) and (user.pk == collection.owner_id or user.is_staff)


def get_for_viewer(user, pk: int) -> Collection:
    collection = Collection.objects.select_related("owner").filter(pk=pk).first()
    if collection is None or not can_view(user, collection):
        raise CollectionNotFound()
    return collection


def get_for_owner(user, pk: int) -> Collection:
    """The collection to change: 404 if the caller may not even see it, 403 if only see."""
    collection = get_for_viewer(user, pk)
    if not _member(user) or collection.owner_id != user.pk:
        raise NotYourCollection()
    return collection


def _viewable_documents(user) -> Q:
    listed = Q(document__status=Document.Status.READY, document__visibility="public")
    if not _member(user):
        return listed
    if user.is_staff:
        return Q()
    return listed | Q(document__owner_id=user.pk)


def items(user, collection: Collection) -> QuerySet[CollectionItem]:
    """The items this viewer may see, in the owner's order."""
    rows = collection.items.filter(_viewable_documents(user))
    return rows.select_related("document", "document__owner", "document__category")


def create(user, *, title: str, description: str = "", is_public: bool = False) -> Collection:
    if not _member(user):
        raise CollectionNotFound()
    if Collection.objects.filter(owner_id=user.pk).count() >= MAX_PER_MEMBER:
        raise TooMany(_("You have made the largest number of collections allowed."))
    collection = Collection.objects.create(
        owner=user, title=title, description=description, is_public=is_public
    )
    _changed(collection)
    return collection


def update(user, collection: Collection, **fields) -> Collection:
    collection = get_for_owner(user, collection.pk)
    was_public = collection.is_public
    for name in ("title", "description", "is_public"):
        if name in fields:
            setattr(collection, name, fields[name])
    collection.save()
    _changed(collection, was_public)
    return collection


def delete(user, collection: Collection) -> None:
    collection = get_for_owner(user, collection.pk)
    was_public = collection.is_public
    collection.delete()
    if was_public:
        transaction.on_commit(lambda: signals.listing_changed.send(sender=Collection))


def _touch(collection: Collection) -> None:
    collection.save(update_fields=["updated_at"])


def add(user, collection: Collection, document_id: object) -> tuple[CollectionItem, bool]:
    """Add a document the member may view at the end; idempotent (item, created)."""
    collection = get_for_owner(user, collection.pk)
    doc = Document.objects.filter(pk=_document_id(document_id)).first()
    if doc is None or not access.can_view(user, doc):
        raise DocumentNotFound()  # a hidden document: the same answer as an unknown id
    with transaction.atomic():
        locked = Collection.objects.select_for_update().get(pk=collection.pk)
        existing = locked.items.filter(document=doc).first()
        if existing is not None:
            return existing, False
        if locked.items.count() >= MAX_ITEMS:
            raise TooMany(_("A collection holds at most %(n)d documents.") % {"n": MAX_ITEMS})
        last = locked.items.aggregate(m=Max("position"))["m"]
        try:
            with transaction.atomic():
                item = CollectionItem.objects.create(
                    collection=locked, document=doc, position=(last or 0) + 1
                )
        except IntegrityError:  # the same document added by a second tab at the same time
            return locked.items.get(document=doc), False
        _touch(locked)
    _changed(collection)
    return item, True


def _document_id(raw: object) -> int:
    if isinstance(raw, bool):
        raise DocumentNotFound()
    text = str(raw if raw is not None else "").strip()
    if not text.isdigit() or len(text) > 12:
        raise DocumentNotFound()
    return int(text)


def remove(user, collection: Collection, document_id: object) -> bool:
    collection = get_for_owner(user, collection.pk)
    deleted, _ = collection.items.filter(document_id=_document_id(document_id)).delete()
    if deleted:
        _touch(collection)
        _changed(collection)
    return bool(deleted)


def reorder(user, collection: Collection, document_ids: Sequence[object]) -> None:
    """Put the named documents first, in this order; the others keep theirs after them."""
    collection = get_for_owner(user, collection.pk)
    wanted = [_document_id(raw) for raw in document_ids]
    if len(set(wanted)) != len(wanted):
        raise CollectionError(_("A document is named twice."), code="invalid", field="order")
    with transaction.atomic():
        rows = list(Collection.objects.select_for_update().get(pk=collection.pk).items.all())
        by_doc = {row.document_id: row for row in rows}
        unknown = [pk for pk in wanted if pk not in by_doc]
        if unknown:
            raise CollectionError(
                _("Only documents of this collection can be ordered."),
                code="invalid",
                field="order",
            )
        ordered = [by_doc[pk] for pk in wanted] + [r for r in rows if r.document_id not in wanted]
        for position, row in enumerate(ordered, start=1):
            row.position = position
        CollectionItem.objects.bulk_update(ordered, ["position"])
        _touch(collection)
    _changed(collection)


def move(user, collection: Collection, document_id: object, step: int) -> None:
    """One place up (-1) or down (+1) among the items the owner sees (the no-JS buttons)."""
    order = list(
        items(user, get_for_owner(user, collection.pk)).values_list("document_id", flat=True)
    )
    pk = _document_id(document_id)
    if pk not in order:
        raise DocumentNotFound()
    i = order.index(pk)
    j = max(0, min(len(order) - 1, i + step))
    order[i], order[j] = order[j], order[i]
    reorder(user, collection, order)


def favourite(user, collection: Collection) -> tuple[CollectionFavourite, bool]:
    collection = get_for_viewer(user, collection.pk)
    if not _member(user):
        raise CollectionNotFound()
    try:
        with transaction.atomic():
            return CollectionFavourite.objects.get_or_create(user=user, collection=collection)
    except IntegrityError:
        return CollectionFavourite.objects.get(user=user, collection=collection), False


def unfavourite(user, collection: Collection) -> bool:
    deleted, _ = CollectionFavourite.objects.filter(user=user, collection=collection).delete()
    return bool(deleted)


def is_favourite(user, collection: Collection) -> bool:
    return (
        _member(user)
        and CollectionFavourite.objects.filter(user=user, collection=collection).exists()
    )


def favourites_of(user) -> QuerySet[CollectionFavourite]:
    """The member's favourite collections that they may still see (one made private drops out)."""
    rows = CollectionFavourite.objects.filter(user=user).select_related("collection__owner")
    return rows.filter(Q(collection__is_public=True) | Q(collection__owner_id=user.pk))


def _titles_key(owner_id: int) -> str:
    return f"{TITLES_PREFIX}{owner_id}"


def own_titles(user) -> list[dict]:
    """The member's collections (pk, title; newest first, at most 100) for the document page's
    box. Kept in the cache under a key of this member only (never in a shared page) until
    one of them is saved or deleted (forget_titles, connected in CollectionsConfig.ready)."""
    key = _titles_key(user.pk)
    titles = cache.get(key)
    if titles is None:
        rows = of_owner(user).select_related(None).only("pk", "title")[:100]
        titles = [{"pk": c.pk, "title": c.title} for c in rows]
        cache.set(key, titles, TITLES_SECONDS)
    return titles


def _forget_titles_now(owner_id: int) -> None:
    cache.delete(_titles_key(owner_id))


def forget_titles(sender: object, instance: Collection, **_: object) -> None:
    """Receiver of Collection's post_save/post_delete: now and again after commit (a box
    rendered in between from the old rows stored them)."""
    owner_id = instance.owner_id
    _forget_titles_now(owner_id)
    transaction.on_commit(lambda: _forget_titles_now(owner_id))


def of_owner(user) -> QuerySet[Collection]:
    return Collection.objects.filter(owner_id=user.pk).select_related("owner")


def public_of(member) -> QuerySet[Collection]:
    return Collection.objects.filter(owner_id=member.pk, is_public=True).select_related("owner")


def visible_to(user) -> QuerySet[Collection]:
    """Collections this viewer may see (the API's list)."""
    if not _member(user):
        return Collection.objects.filter(is_public=True).select_related("owner")
    if user.is_staff:
        return Collection.objects.select_related("owner")
    return Collection.objects.filter(Q(is_public=True) | Q(owner_id=user.pk)).select_related(
        "owner"
    )


def search(text: str, limit: int = 5) -> list[Collection]:
    """Public collections whose title or description contains the words (search page)."""
    words = [w for w in (text or "").split() if w][:5]
    if not words:
        return []
    rows = Collection.objects.filter(is_public=True, items__isnull=False).distinct()
    for word in words:
        rows = rows.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return list(rows.select_related("owner").order_by("-updated_at", "-id")[:limit])
