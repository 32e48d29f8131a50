"""Ticket e-mails, sent by workers after the change commits."""

from celery import shared_task

from emails.retry import EMAIL_RETRY
from tickets import notifications


@shared_task(**EMAIL_RETRY)
def ticket_received_email_task(ticket_id: int) -> None:
    notifications.send_ticket_received(ticket_id)


@shared_task(**EMAIL_RETRY)
def ticket_reply_email_task(message_id: int) -> None:
    notifications.send_ticket_reply(message_id)


@shared_task(**EMAIL_RETRY)
def ticket_assigned_email_task(ticket_id: int, assignee_id: int) -> None:
    notifications.send_ticket_assigned(ticket_id, assignee_id)


@shared_task(**EMAIL_RETRY)
def ticket_sla_email_task(ticket_id: int, target: str, kind: str) -> None:
    notifications.send_sla_email(ticket_id, target, kind)


@shared_task(**EMAIL_RETRY)
def ticket_satisfaction_email_task(ticket_id: int) -> None:
    notifications.send_satisfaction_request(ticket_id)


@shared_task(acks_late=True)
def sla_sweep_task() -> dict:
    """Beat, every minute: SLA warnings and breaches (see ``services.sweep``)."""
    from tickets.services import sla_sweep

    return sla_sweep()
