"""Version stamps in the shared cache, for copies kept in each process's memory.

A copy (a member's row, the documents a member owns) is stored under the version read
*before* it was read from the database. A change sets a fresh random version now (readers
inside its transaction, and tests wrapped in one, see it at once) and again once it has
committed (a copy read between the two was stored under the first new version): after the
request that made the change returns, no process serves a copy from before it. A version
missing from the cache (evicted, cache cleared) is made afresh, so it matches nothing older.
The page cache's stamps (wenku.web.stamps) are versions of this kind.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

PREFIX = "wenku:version:"


def current_many(names: Iterable[str], *, create: bool = False) -> dict[str, str | None]:
    """The versions now, in one cache read; with create=True a missing one is made."""
    names = list(names)
    found = cache.get_many([PREFIX + n for n in names])
    versions: dict[str, str | None] = {n: found.get(PREFIX + n) for n in names}
    if create:
        for name, value in versions.items():
            if value is None:
                cache.add(PREFIX + name, secrets.token_hex(8), None)
                versions[name] = cache.get(PREFIX + name)
    return versions


def current(name: str) -> str:
    return str(current_many([name], create=True)[name])


def _renew(names: tuple[str, ...]) -> None:
    cache.set_many({PREFIX + n: secrets.token_hex(8) for n in names}, None)


def bump(*names: str) -> None:
    """New versions now and once the change is committed (outside a transaction: both at
    once)."""
    _renew(names)
    transaction.on_commit(lambda: _renew(names))
