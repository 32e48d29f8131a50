"""Signed reply addresses and Message-IDs for ticket e-mails (no database access).

A ticket's e-mails say ``Reply-To: support+HUB-000123.<token>@hub.example`` and carry
``Message-ID: <hub.HUB-000123.<part>.<token>@hub.example>``. The token is an HMAC of
the reference (and part) with ``SECRET_KEY``, so nobody can address a reply to a
ticket they were never sent: a forged or missing token never attaches a message to a
ticket (``inbound.services``). Tokens are lower-case hex, so an MTA that lower-cases
addresses does not break them; references are matched case-insensitively.
"""

from __future__ import annotations

import re
from email.utils import getaddresses

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

TOKEN_LENGTH = 16
_REPLY_SALT = "inbound.reply-to"
_MESSAGE_SALT = "inbound.message-id"

_REFERENCE = r"(hub-\d{6,})"
_TOKEN = rf"([0-9a-f]{{{TOKEN_LENGTH}}})"
_REPLY_LOCAL = re.compile(rf"^[^+@]+\+{_REFERENCE}\.{_TOKEN}$", re.IGNORECASE)
_REPLY_LOCAL_ANY = re.compile(rf"^[^+@]+\+{_REFERENCE}(?:\.([^@]*))?$", re.IGNORECASE)
_MESSAGE_ID = re.compile(
    rf"^<?hub\.{_REFERENCE}\.([a-z0-9]{{1,20}})\.{_TOKEN}@[^>]+>?$", re.IGNORECASE
)


def _token(salt: str, value: str) -> str:
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()[:TOKEN_LENGTH]


def mailbox_address() -> tuple[str, str]:
    """(local part, domain) of ``HUB_INBOUND_ADDRESS``."""
    local, _, domain = settings.HUB_INBOUND_ADDRESS.rpartition("@")
    return local, domain


def reply_address(reference: str) -> str:
    """``support+HUB-000123.<token>@domain`` for the ticket ``reference``."""
    local, domain = mailbox_address()
    reference = reference.upper()
    return f"{local}+{reference}.{_token(_REPLY_SALT, reference)}@{domain}"


def message_id(reference: str, part: str) -> str:
    """A Message-ID naming the ticket: ``part`` is ``t`` (the ticket) or ``m<id>``."""
    _, domain = mailbox_address()
    reference = reference.upper()
    token = _token(_MESSAGE_SALT, f"{reference}.{part}")
    return f"<hub.{reference}.{part}.{token}@{domain}>"


def thread_headers(reference: str, *, part: str, parents: list[str] = ()) -> dict:
    """Headers that make mail clients thread a ticket's e-mails and reply to it."""
    root = message_id(reference, "t")
    own = message_id(reference, part) if part != "t" else root
    chain = [p for p in parents if p] + ([root] if own != root else [])
    headers = {"Message-ID": own, "Reply-To": reply_address(reference)}
    if chain:
        headers["In-Reply-To"] = chain[-1]
        headers["References"] = " ".join(chain)
    return headers


class ReplyToken:
    """What the recipients of a message say about a ticket: ``reference`` when a
    correctly signed reply address was among them, ``forged`` when an address of
    the reply form was there with a wrong or missing token."""

    def __init__(self, reference: str | None = None, forged: str | None = None):
        self.reference = reference
        self.forged = forged


def reply_token_in(recipients: list[str]) -> ReplyToken:
    """Look for a signed reply address among ``recipients`` (header values)."""
    local_box, domain = mailbox_address()
    forged = None
    for _name, address in getaddresses(recipients):
        local, _, at = address.rpartition("@")
        if at.lower() != domain.lower() or not local.lower().startswith(
            local_box.lower() + "+"
        ):
            continue
        match = _REPLY_LOCAL.match(local)
        if match:
            reference = match.group(1).upper()
            if constant_time_compare(
                match.group(2).lower(), _token(_REPLY_SALT, reference)
            ):
                return ReplyToken(reference=reference)
        if _REPLY_LOCAL_ANY.match(local) or match:
            forged = address
    return ReplyToken(forged=forged)


def reference_from_message_ids(ids: list[str]) -> str | None:
    """The ticket named by one of our own signed Message-IDs among ``ids``."""
    for value in reversed(ids):
        match = _MESSAGE_ID.match(value.strip())
        if not match:
            continue
        reference, part, token = match.group(1).upper(), match.group(2), match.group(3)
        if constant_time_compare(
            token.lower(), _token(_MESSAGE_SALT, f"{reference}.{part}")
        ):
            return reference
    return None
