"""Version stamps of the shared page cache: exact invalidation without deleting entries.

Every cached page records the stamps it was rendered under: "lists" (everything public lists,
search, the sitemap, related documents and category counts show) and, for a document page,
"doc:<id>". A change sets a fresh random stamp once its transaction has committed, before the
request that made it returns; an entry whose recorded stamps differ from the current ones is
never served again. Stamps are read *before* a page is rendered, so a page rendered while a
takedown commits is stored under the old stamp and is dead on arrival.

A stamp is a random token (not a counter): setting it is atomic on every cache backend, and
two racing bumps still leave a value no entry was stored under. A stamp missing from the cache
(evicted, cache cleared) is created afresh, so it never matches an older entry either. The
mechanism is wenku.library.versions, which per-process copies of rows use too.
"""

from __future__ import annotations

from collections.abc import Iterable

from wenku.library import versions

LISTS = "lists"


def doc(pk: int | str) -> str:
    return f"doc:{pk}"


def current(names: Iterable[str], *, create: bool = False) -> dict[str, str | None]:
    """The stamps now; with create=True a missing one is made (for a page about to render)."""
    return versions.current_many(names, create=create)


def bump(*names: str) -> None:
    """Invalidate every page rendered under these stamps: now (readers inside this transaction,
    and tests wrapped in one, see the change at once) and again once the change is committed
    (a reader that rendered the old rows between the two stored them under the first new
    stamp). Outside a transaction both happen at once."""
    versions.bump(*names)


def bump_document(pk: int | str) -> None:
    """A document changed: its page, and every list, search result and related block."""
    bump(doc(pk), LISTS)


def bump_lists() -> None:
    bump(LISTS)
