"""Celery tasks of the programmes app: thin, idempotent."""

from celery import shared_task


@shared_task(acks_late=True)
def checkin_requests_task() -> int:
    """Beat (Mondays): this week's check-in requests of every running test. The
    rows go through ``onboarding.tasks.send_deliveries_task`` (the one ledger)."""
    from programmes.services import checkin_requests_schedule

    return checkin_requests_schedule()
