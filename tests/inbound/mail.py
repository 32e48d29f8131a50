"""Build RFC 822 messages for tests, as mail clients write them."""

from email.message import EmailMessage
from email.utils import make_msgid


def mail(
    *,
    sender: str,
    subject: str = "Diamonds missing from payout",
    body: str = "Our creator's diamonds from the LIVE battle are missing.",
    to: str = "support@hub.example",
    html: str | None = None,
    headers: dict | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
    message_id: str | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="client.example")
    for name, value in (headers or {}).items():
        message[name] = value
    if body is not None:
        message.set_content(body)
    if html is not None:
        if body is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for name, payload, content_type in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(
            payload, maintype=maintype, subtype=subtype, filename=name
        )
    return message.as_bytes()
