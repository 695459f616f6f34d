"""Which documents a member holds a live (not refunded) purchase of: asked on every page,
page image and text layer a member opens, so kept in each process's memory under the
member's purchases version (wenku.library.versions), which every purchase saved or deleted
replaces (wallet.signals): a purchase opens, and a refund ends, the access on the buyer's
next request in every process. Purchases are written only by wallet.services (create, and
the refund's save), never by QuerySet.update."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches

from wenku.library import versions

from .models import Purchase

PREFIX = "wenku:owned:"


def _name(member_id: object) -> str:
    return f"purchases:{member_id}"


def documents(member_id: int) -> frozenset[int]:
    key = f"{PREFIX}{member_id}:{versions.current(_name(member_id))}"
    ids = caches["fragments"].get(key)
    if ids is None:
        live = Purchase.objects.filter(buyer_id=member_id, refunded_at=None)
        ids = frozenset(live.values_list("document_id", flat=True))
        caches["fragments"].set(key, ids, settings.WENKU_PAGE_CACHE_SECONDS)
    return ids


def forget(member_id: object) -> None:
    """Every process reads the member's purchases afresh (also `wenku manage purge_pages
    --member`, after editing purchases by hand)."""
    versions.bump(_name(member_id))


def purchase_changed(sender: object, instance: Purchase, **_: object) -> None:
    forget(instance.buyer_id)


def member_saved(sender: object, instance: object, created: bool = False, **_: object) -> None:
    """A new member owns nothing, whatever was kept under their id before (a database that
    reuses ids, as tests' rolled-back ones do)."""
    if created:
        forget(instance.pk)  # type: ignore[attr-defined]
