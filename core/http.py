"""Who is asking: the client's address behind the proxies we trust.

``client_address`` is ``REMOTE_ADDR``, or with ``HUB_TRUSTED_PROXY_COUNT`` = N > 0
the N-th ``X-Forwarded-For`` entry from the right (each trusted proxy appends the
address it saw; entries further left are whatever the client sent). The sign-in
lockouts, the audit log and the knowledge base's anonymous limits count by it.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's address, trusting exactly ``HUB_TRUSTED_PROXY_COUNT`` proxies."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    count = settings.HUB_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if len(hops) < count:  # it did not come through every proxy we trust
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
