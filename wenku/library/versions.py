"""Version stamps in the shared cache, for copies kept in each process's memory.

A copy (a member's row, the documents a member owns) is stored under the version read
*before* it was read from the database. A change sets a fresh random version now (readers
inside its transaction, and tests wrapped in one, see it at once) and again once it has
committed (a copy read between the two was stored under the first new version): after the
request that made the change returns, no process serves a copy from before it. A version
missing from the cache (evicted, cache cleared) is made afresh, so it matches nothing older.
The page cache's stamps (wenku.web.stamps) work the same way over several names at once.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.db import transaction

PREFIX = "wenku:version:"


def current(name: str) -> str:
    key = PREFIX + name
    found = cache.get(key)
    if found is None:
        cache.add(key, secrets.token_hex(8), None)
        found = cache.get(key)
    return str(found)


def _renew(name: str) -> None:
    cache.set(PREFIX + name, secrets.token_hex(8), None)


def bump(name: str) -> None:
    _renew(name)
    transaction.on_commit(lambda: _renew(name))
