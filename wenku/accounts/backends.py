"""The signed-in member of every request, without a query on most of them.

Django's ModelBackend reads the user row on every request of a signed-in member; under load
that query is a fifth of a member's document page. This backend keeps the row in each
process's memory (the "fragments" cache) under a version stamp kept in the shared cache, read
first on every request. Every save or delete of a user sets a new version (connected in
AccountsConfig.ready), now and once its transaction has committed, so a ban, a password
change, a removed staff flag or a new name takes effect on the member's next request in every
process. A row read while such a change commits is stored under the old version and is never
served. Writes that bypass save() (QuerySet.update) must not touch users: there are none.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache, caches
from django.db import transaction

VERSION_PREFIX = "wenku:user:v:"
ROW_PREFIX = "wenku:user:row:"


def version(pk: object) -> str:
    """The user's version now; a missing one (new, evicted, cache cleared) is made afresh,
    so it never matches a row stored before."""
    key = f"{VERSION_PREFIX}{pk}"
    found = cache.get(key)
    if found is None:
        cache.add(key, secrets.token_hex(8), None)
        found = cache.get(key)
    return str(found)


def _new_version(pk: object) -> None:
    cache.set(f"{VERSION_PREFIX}{pk}", secrets.token_hex(8), None)


def user_changed(sender: object, instance: Any, **_: object) -> None:
    """post_save / post_delete of the user model: every process reads the row afresh."""
    pk = instance.pk
    _new_version(pk)
    transaction.on_commit(lambda: _new_version(pk))


class CachedModelBackend(ModelBackend):
    """ModelBackend (same sign-in, same permissions) whose get_user reads the row from memory
    under its version."""

    def get_user(self, user_id: Any) -> Any:
        key = f"{ROW_PREFIX}{user_id}:{version(user_id)}"
        rows = caches["fragments"]
        user = rows.get(key)
        if user is None:
            user = super().get_user(user_id)  # None: no such user, or not active
            if user is not None:
                rows.set(key, user, settings.WENKU_PAGE_CACHE_SECONDS)
        return user if user is not None and self.user_can_authenticate(user) else None
