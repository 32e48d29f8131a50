"""The one answer to "which address did this request come from?".

Behind ``HUB_TRUSTED_PROXY_COUNT`` reverse proxies (the README's TLS proxy is one),
each proxy appends the address it saw to ``X-Forwarded-For``; the client is the
entry that many places from the right. Entries further left were written by the
client itself and are never trusted. With no trusted proxy (the default) the
address is ``REMOTE_ADDR``. Audit rows, sign-in counters and anonymous rate limits
all key on this.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The client's IP address as text (``"unknown"`` when it cannot be told)."""
    meta = getattr(request, "META", None) or {}
    proxies = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop]
        if len(hops) >= proxies:
            return _valid(hops[-proxies]) or UNKNOWN
        # fewer hops than proxies: the request did not come through them all
    return _valid(meta.get("REMOTE_ADDR", "")) or UNKNOWN
