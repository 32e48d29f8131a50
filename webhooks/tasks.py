"""Webhook deliveries in the background: tasks take ids only."""

from celery import shared_task

from hub.tasks import EMAIL_RETRY


@shared_task(acks_late=True)
def webhook_deliver_task(delivery_id: int) -> None:
    from webhooks.services import webhook_deliver

    webhook_deliver(delivery_id)


@shared_task(acks_late=True)
def webhook_retry_due_task() -> int:
    """Beat, every minute: deliveries whose retry is due and no task holds."""
    from webhooks.services import webhook_retry_due

    return webhook_retry_due()


@shared_task(**EMAIL_RETRY)
def webhook_disabled_email_task(endpoint_id: int) -> None:
    from webhooks.services import send_webhook_disabled

    send_webhook_disabled(endpoint_id)
