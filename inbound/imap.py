"""Poll the support mailbox (``INBOUND_IMAP_URL``) and file what is new.

``imaps://user:pass@host[:port]/INBOX`` (TLS) or ``imap://…`` (plain, for a local
server). Each unseen message is fetched with ``BODY.PEEK[]`` (which leaves it
unseen), filed by ``ticket_from_email`` in its own transaction, and only after that
commits is it flagged ``\\Seen`` on the server. A crash or a database outage in
between leaves it unseen, so the next poll files it (a duplicate of something
already committed is recognised by its Message-ID and changes nothing).
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings

from inbound.models import InboundMessage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mailbox:
    secure: bool
    host: str
    port: int
    user: str
    password: str
    folder: str


def mailbox_from_url(url: str) -> Mailbox:
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname:
        raise ValueError("INBOUND_IMAP_URL must look like imaps://user:pass@host/INBOX")
    secure = parts.scheme == "imaps"
    return Mailbox(
        secure=secure,
        host=parts.hostname,
        port=parts.port or (993 if secure else 143),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
    )


def _connect(box: Mailbox) -> imaplib.IMAP4:
    timeout = settings.HUB_INBOUND_IMAP_TIMEOUT
    if box.secure:
        connection = imaplib.IMAP4_SSL(
            box.host,
            box.port,
            ssl_context=ssl.create_default_context(),
            timeout=timeout,
        )
    else:
        connection = imaplib.IMAP4(box.host, box.port, timeout=timeout)
    connection.login(box.user, box.password)
    status, _ = connection.select(_quote(box.folder))
    if status != "OK":
        raise imaplib.IMAP4.error(f"cannot open folder {box.folder}")
    return connection


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _raw_of(data) -> bytes | None:
    for item in data or ():
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    return None


def poll_mailbox(url: str | None = None, *, limit: int | None = None) -> dict:
    """File up to ``limit`` unseen messages; returns counts by status."""
    from inbound.services import ticket_from_email

    url = url or settings.INBOUND_IMAP_URL
    if not url:
        return {}
    limit = limit or settings.HUB_INBOUND_IMAP_BATCH
    counts: dict[str, int] = {}
    connection = _connect(mailbox_from_url(url))
    try:
        status, found = connection.uid("SEARCH", None, "UNSEEN")
        uids = found[0].split()[:limit] if status == "OK" and found else []
        for uid in uids:
            status, data = connection.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = _raw_of(data) if status == "OK" else None
            if raw is None:
                logger.warning("inbound: IMAP message %s could not be fetched", uid)
                continue
            try:
                row = ticket_from_email(raw=raw, source=InboundMessage.Source.IMAP)
            except Exception:
                # Not stored (the database is down?): leave it unseen for next time.
                logger.exception("inbound: message %s not stored; left unseen", uid)
                continue
            connection.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            counts[row.status] = counts.get(row.status, 0) + 1
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            connection.logout()
    return counts
