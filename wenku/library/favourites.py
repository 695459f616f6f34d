"""Favourites: a member's bookmarks. Only documents the member may view can be added."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from .models import Document, Favourite


def add(user, doc: Document) -> tuple[Favourite, bool]:
    """Idempotent: (favourite, created). A concurrent duplicate insert is not an error."""
    try:
        with transaction.atomic():
            return Favourite.objects.get_or_create(user=user, document=doc)
    except IntegrityError:  # lost a race with the same request: the row exists now
        return Favourite.objects.get(user=user, document=doc), False


def remove(user, doc: Document) -> bool:
    deleted, _ = Favourite.objects.filter(user=user, document=doc).delete()
    return bool(deleted)


def of(user) -> QuerySet[Favourite]:
    """The member's favourites, newest first, hidden documents included (the API marks them)."""
    return Favourite.objects.filter(user=user).select_related("document", "document__owner")
