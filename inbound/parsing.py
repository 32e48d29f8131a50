"""An RFC 822 message → what the hub needs from it (no database access).

``parse`` reads the bytes with the standard library's modern e-mail policy and
returns a ``ParsedEmail``, or raises ``Unparseable`` with a reason a person can
read. The body is the text part, else the HTML part sanitised exactly as articles
are (``faq.rendering.sanitize``) and turned into text; quoted history and
signatures are cut by ``mail-parser-reply`` (a maintained, multi-language parser),
not by patterns of our own. Auto-replies and bounces are recognised from their
headers (RFC 3834 ``Auto-Submitted``, ``Precedence``, ``X-Autoreply``/
``X-Autorespond``, an empty ``Return-Path``, delivery reports, mailer-daemon).
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

from faq.rendering import sanitize

REPLY_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "pt", "sv", "zh"]
AUTOMATED_SENDERS = ("mailer-daemon", "postmaster", "noreply", "no-reply")


class Unparseable(Exception):
    """The message cannot be read as e-mail; ``str(exc)`` says why."""


@dataclass(frozen=True)
class Part:
    name: str
    content_type: str
    payload: bytes


@dataclass
class ParsedEmail:
    key: str
    message_id: str
    sender: str
    subject: str
    body: str
    recipients: list[str]
    thread_ids: list[str]
    attachments: list[Part] = field(default_factory=list)
    automated: str = ""  # why it is an auto-reply or bounce, or ""


def digest_key(raw: bytes) -> str:
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a malformed header reads as absent
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _sender(message: EmailMessage) -> str:
    try:
        header = message["From"]
        addresses: tuple[Address, ...] = header.addresses if header else ()
    except Exception as exc:  # noqa: BLE001
        raise Unparseable(f"The From header cannot be read ({exc}).") from exc
    for address in addresses:
        if address.username and address.domain:
            return f"{address.username}@{address.domain}".lower()
    raise Unparseable("There is no sender address in the From header.")


def automated_reason(message: EmailMessage, sender: str) -> str:
    """Why this is an auto-reply or bounce (never answered, never filed), or ""."""
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = _header(message, "Precedence").lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return f"Precedence: {precedence}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply"):
        if _header(message, name):
            return f"{name} header"
    if _header(message, "X-Auto-Response-Suppress").lower() in ("all", "oof"):
        return "X-Auto-Response-Suppress (an out-of-office reply)"
    if _header(message, "Return-Path") == "<>":
        return "empty Return-Path (a bounce)"
    if message.get_content_type() == "multipart/report":
        return "a delivery status report (a bounce)"
    if sender.split("@")[0] in AUTOMATED_SENDERS:
        return f"sent by {sender.split('@')[0]}"
    return ""


class _TextExtractor(HTMLParser):
    """Text of sanitised HTML, with line breaks where blocks end."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "blockquote":
            self.parts.append("\n> ")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(sanitize(markup))
    extractor.close()
    lines = [" ".join(line.split()) for line in "".join(extractor.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return html.unescape(text).strip()


def strip_quoted(text: str) -> str:
    """The new text of a reply: quoted history and the signature cut."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    try:
        replies = EmailReplyParser(languages=REPLY_LANGUAGES).read(text).replies
    except Exception:  # noqa: BLE001 - the parser failing must not lose the text
        return text
    body = replies[0].body.strip() if replies else ""
    return body or text


def _body_part(message: EmailMessage, subtype: str):
    try:
        return message.get_body(preferencelist=(subtype,))
    except Exception:  # noqa: BLE001
        return None


def _text_of(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def _body(message: EmailMessage) -> str:
    plain = _body_part(message, "plain")
    if plain is not None:
        return strip_quoted(_text_of(plain))
    rich = _body_part(message, "html")
    if rich is not None:
        return strip_quoted(html_to_text(_text_of(rich)))
    return ""


def _attachments(message: EmailMessage) -> list[Part]:
    found = []
    for part in message.iter_attachments() if message.is_multipart() else ():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        found.append(
            Part(name=name, content_type=part.get_content_type(), payload=payload)
        )
    return found


def _ids(message: EmailMessage, *names: str) -> list[str]:
    ids = []
    for name in names:
        ids.extend(_header(message, name).replace(",", " ").split())
    return ids


def parse(raw: bytes) -> ParsedEmail:
    if not raw or not raw.strip():
        raise Unparseable("The message is empty.")
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as exc:  # noqa: BLE001
        raise Unparseable(f"The message cannot be parsed ({exc}).") from exc
    if not message.keys():
        raise Unparseable("The message has no headers.")
    sender = _sender(message)
    message_id = _header(message, "Message-ID")[:255]
    try:
        body = _body(message)
        attachments = _attachments(message)
    except Exception as exc:  # noqa: BLE001
        raise Unparseable(f"The message body cannot be read ({exc}).") from exc
    return ParsedEmail(
        key=message_id or digest_key(raw),
        message_id=message_id,
        sender=sender,
        subject=_header(message, "Subject")[:200],
        body=body,
        recipients=[
            _header(message, name)
            for name in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
            if _header(message, name)
        ],
        thread_ids=_ids(message, "References", "In-Reply-To"),
        attachments=attachments,
        automated=automated_reason(message, sender),
    )
