"""Where a webhook may be sent (no database access).

Production refuses targets that resolve to loopback, private, link-local, shared
(CGNAT), multicast, reserved or unspecified addresses, IPv4 and IPv6 alike (an
IPv4-mapped IPv6 address is judged as the IPv4 one). The check runs when an
endpoint is saved and again at every delivery on the addresses the name resolves to
*then*, and the connection goes to exactly the address that was checked (a name
that changes its DNS answer in between cannot slip through). Redirects are never
followed, so a public endpoint cannot bounce a delivery inward.
``HUB_WEBHOOK_ALLOW_PRIVATE=1`` lifts the address check (tests, local receivers).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class UnsafeTarget(ValueError):
    """The URL may not receive webhooks; ``str(exc)`` says why."""


def _is_public(address: ipaddress._BaseAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_link_local
    )


def split(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL without credentials."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeTarget("Use an http:// or https:// URL.")
    if not parts.hostname:
        raise UnsafeTarget("The URL has no host.")
    if parts.username or parts.password:
        raise UnsafeTarget("Put no user name or password in the URL; use the secret.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeTarget("The URL's port is not a number.") from exc
    return parts.scheme, parts.hostname, port


def resolve(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to), refusing unsafe targets."""
    scheme, host, port = split(url)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeTarget(f"{host} does not resolve ({exc}).") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise UnsafeTarget(f"{host} does not resolve.")
    if not settings.HUB_WEBHOOK_ALLOW_PRIVATE:
        for value in addresses:
            if not _is_public(ipaddress.ip_address(value.split("%")[0])):
                raise UnsafeTarget(
                    f"{host} resolves to {value}, a loopback, private or link-local "
                    "address; webhooks only go to public addresses."
                )
    return scheme, host, port, addresses[0]
