"""The signed-in member of every request, without a query on most of them.

Django's ModelBackend reads the user row on every request of a signed-in member; under load
that query is a fifth of a member's document page. This backend keeps the row in each
process's memory (the "fragments" cache) under the member's version (wenku.library.versions),
which every save or delete of a user replaces (connected in AccountsConfig.ready): a ban, a
password change, a removed staff flag or a new name takes effect on the member's next request
in every process. Writes that bypass save() (QuerySet.update) must not touch users: there
are none.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

from wenku.library import versions

ROW_PREFIX = "wenku:user:row:"


def _name(pk: object) -> str:
    return f"user:{pk}"


def forget(pk: object) -> None:
    """Every process reads the member's row afresh (also `wenku manage purge_pages --member`,
    after editing the row by hand)."""
    versions.bump(_name(pk))


def user_changed(sender: object, instance: Any, **_: object) -> None:
    """post_save / post_delete of the user model."""
    forget(instance.pk)


class CachedModelBackend(ModelBackend):
    """ModelBackend (same sign-in, same permissions) whose get_user reads the row from memory
    under its version."""

    def get_user(self, user_id: Any) -> Any:
        key = f"{ROW_PREFIX}{user_id}:{versions.current(_name(user_id))}"
        rows = caches["fragments"]
        user = rows.get(key)
        if user is None:
            user = super().get_user(user_id)  # None: no such user, or not active
            if user is not None:
                rows.set(key, user, settings.WENKU_PAGE_CACHE_SECONDS)
        return user if user is not None and self.user_can_authenticate(user) else None
