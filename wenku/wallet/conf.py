"""Wallet site settings, read at call time (so tests and operators can change them).

Every value is a WENKU_* setting with the default below.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "WENKU_SIGNUP_BONUS": 20,  # points for a new member (0 = none)
    "WENKU_SIGNIN_POINTS": 2,  # points for the daily sign-in (0 = no sign-in)
    "WENKU_UPLOAD_REWARD": 5,  # points when an upload is published (0 = none)
    "WENKU_COMMISSION_PERCENT": 0,  # percent of each sale kept by the platform, 0..100
    "WENKU_PRICE_MAX": 1000,  # highest price an author may set
    "WENKU_DOWNLOAD_URL_SECONDS": 60,  # lifetime of a signed download URL
    "WENKU_DOWNLOADS_PER_DAY": 50,  # downloads per member per day (0 = unlimited)
    "WENKU_DOWNLOADS_PER_IP_PER_DAY": 200,  # downloads per IP address per day (0 = unlimited)
    "WENKU_TOPUP_PACKAGES": [100, 500, 1000, 5000],  # points a member may buy at once
    "WENKU_POINTS_PER_YUAN": 10,  # points per 1 yuan paid
    "WENKU_GRANT_MAX": 100000,  # largest single staff grant
    "WENKU_PAYOUT_MIN": 100,  # fewest points an author may request as a payout
    "WENKU_PAYOUT_FEE": 0,  # points kept by the platform from each approved payout
}


def get(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def int_setting(name: str, low: int = 0, high: int | None = None) -> int:
    """An integer setting clamped to its valid range (a typo must not mint or lose points)."""
    try:
        value = int(get(name))
    except (TypeError, ValueError):
        value = int(DEFAULTS[name])
    value = max(low, value)
    return min(high, value) if high is not None else value


def commission_percent() -> int:
    return int_setting("WENKU_COMMISSION_PERCENT", 0, 100)


def price_max() -> int:
    return int_setting("WENKU_PRICE_MAX", 0, 1_000_000)


def topup_packages() -> list[int]:
    raw = get("WENKU_TOPUP_PACKAGES")
    if isinstance(raw, str):
        raw = raw.split(",")
    packages = []
    for item in raw or []:
        try:
            points = int(item)
        except (TypeError, ValueError):
            continue
        if 0 < points <= 1_000_000:
            packages.append(points)
    return sorted(set(packages))


def gateway_name() -> str:
    """The payment gateway: "sandbox" by default only while DEBUG is on, so a production site
    never hands out free points unless its operator asks for the sandbox explicitly."""
    default = "sandbox" if settings.DEBUG else ""
    return str(getattr(settings, "WENKU_PAYMENT_GATEWAY", default) or "")
