"""One signed POST to one endpoint, to the address ``security.resolve`` checked."""

from __future__ import annotations

import hashlib
import hmac
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3

from webhooks.security import resolve

USER_AGENT = "CreatorNetworkHub-Webhooks/1"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>``."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


@dataclass
class Answer:
    status: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(
    *, url: str, secret: str, event: str, delivery_id: str, body: bytes, timeout: float
) -> Answer:
    started = time.monotonic()

    def answer(status, error=""):
        return Answer(status, error, int((time.monotonic() - started) * 1000))

    try:
        scheme, host, port, address = resolve(url)
    except ValueError as exc:
        return answer(None, str(exc))
    timestamp = str(int(time.time()))
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    default_port = 443 if scheme == "https" else 80
    headers = {
        "Host": host if port == default_port else f"{host}:{port}",
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Hub-Event": event,
        "X-Hub-Delivery": delivery_id,
        "X-Hub-Timestamp": timestamp,
        "X-Hub-Signature-256": signature(secret, timestamp, body),
    }
    options = {
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
    }
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            ssl_context=ssl.create_default_context(),
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    try:
        with pool:
            response = pool.urlopen(
                "POST",
                path,
                body=body,
                headers=headers,
                redirect=False,
                preload_content=False,
                assert_same_host=False,
            )
            response.read(
                64 * 1024, decode_content=False
            )  # enough to finish; never kept
            response.release_conn()
    except urllib3.exceptions.HTTPError as exc:
        return answer(None, f"{exc.__class__.__name__}: {exc}"[:500])
    if 300 <= response.status < 400:
        return answer(response.status, "Redirects are not followed; use the final URL.")
    return answer(response.status)
