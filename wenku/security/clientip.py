"""The address a request came from, for rate limits and per-IP download limits.

Behind a reverse proxy REMOTE_ADDR is the proxy's own address: every visitor would share
one counter, and one busy office would lock the whole site out of logging in. Each trusted
proxy appends the address it saw to X-Forwarded-For, so with WENKU_PROXY_COUNT proxies the
client is the entry that many places from the right. Entries further left were sent by the
client and prove nothing; they are ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "WENKU_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < proxies:
        return remote  # not through all our proxies (a direct request to gunicorn)
    try:
        return str(ipaddress.ip_address(hops[-proxies]))
    except ValueError:
        return remote
