"""Moderation site settings, read at call time (tests and operators may change them).

Each is an optional WENKU_* Django setting; the defaults below apply when it is absent.
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS: dict[str, object] = {
    "WENKU_COUNTER_NOTICE_WAIT_DAYS": 15,  # days between a counter-notice and the restore
    "WENKU_PREPUBLICATION_REVIEW": "off",  # "off" | "new" (new members) | "all"
    "WENKU_NEW_MEMBER_DAYS": 30,  # a member is "new" for this many days after joining
    "WENKU_STRIKE_LIMIT": 3,  # strikes at which a member's uploads are refused (0 = never)
    "WENKU_EVIDENCE_MAX_MB": 10,  # largest evidence attachment
    "WENKU_EVIDENCE_MAX_FILES": 5,  # attachments per complaint
    "WENKU_COMPLAINT_MAX_DOCUMENTS": 20,  # documents named in one notice
}
REVIEW_MODES = ("off", "new", "all")


def get(name: str) -> object:
    return getattr(settings, name, DEFAULTS[name])


def int_setting(name: str, low: int = 0) -> int:
    """An integer setting; a typo falls back to the default instead of breaking the site."""
    try:
        return max(low, int(get(name)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return int(DEFAULTS[name])  # type: ignore[arg-type]


def review_mode() -> str:
    mode = str(get("WENKU_PREPUBLICATION_REVIEW") or "off").strip().lower()
    aliases = {"new_members": "new", "none": "off", "false": "off", "0": "off"}
    mode = aliases.get(mode, mode)
    return mode if mode in REVIEW_MODES else "off"


def wait_days() -> int:
    return int_setting("WENKU_COUNTER_NOTICE_WAIT_DAYS")


def evidence_max_bytes() -> int:
    return int_setting("WENKU_EVIDENCE_MAX_MB", 1) * 1024 * 1024
