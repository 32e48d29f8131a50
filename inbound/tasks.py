"""Inbound e-mail in the background: beat polls the support mailbox."""

from celery import shared_task


@shared_task(acks_late=True)
def receive_email_task() -> dict:
    """Beat, every minute: file new messages from ``INBOUND_IMAP_URL`` (when set)."""
    from inbound.imap import poll_mailbox

    return poll_mailbox()
