"""Celery tasks of the marketing app: thin, take ids, idempotent."""

from celery import shared_task

from marketing import services


@shared_task(acks_late=True)
def event_reminders_task() -> int:
    """Beat (every 5 minutes): reminders a day and an hour before each event."""
    return services.event_reminders_send()
