"""Celery tasks of the onboarding app: thin, take ids, idempotent."""

from celery import shared_task
from django.utils import timezone

from core.periods import parse_month, previous_month
from emails import delivery as engine
from emails.retry import EMAIL_RETRY
from onboarding import services


@shared_task(**EMAIL_RETRY)
def invitation_email_task(invitation_id: int) -> int:
    """The invitation's signed link, built now (never stored in the outbox)."""
    from onboarding.notifications import send_invitation

    return send_invitation(invitation_id)


@shared_task(**EMAIL_RETRY)
def invitation_welcome_email_task(invitation_id: int) -> int:
    from onboarding.notifications import send_welcome

    return send_welcome(invitation_id)


@shared_task(**EMAIL_RETRY)
def onboarding_stalled_email_task(onboarding_id: int) -> int:
    from onboarding.notifications import send_stalled_reminder

    return send_stalled_reminder(onboarding_id)


@shared_task(acks_late=True)
def send_monthly_digest_task(month: str | None = None) -> int:
    """Beat (1st of the month, 06:00 UTC): the previous month's digests."""
    period = parse_month(month) if month else previous_month(timezone.now())
    return services.digest_schedule(period=period)


@shared_task(acks_late=True)
def send_weekly_tips_task(only_due_now: bool = True) -> int:
    """Beat (hourly): tips for members whose local time is tip day and hour."""
    return services.tips_schedule(only_due_now=only_due_now)


@shared_task(acks_late=True)
def publish_due_announcements_task() -> int:
    return services.announcements_publish_due()


@shared_task(acks_late=True)
def announcement_fan_out_task(announcement_id: int) -> int:
    return services.announcement_fan_out(announcement_id=announcement_id)


@shared_task(acks_late=True)
def remind_stalled_onboardings_task() -> int:
    return services.onboarding_remind_stalled()


@shared_task(acks_late=True)
def resume_deliveries_task() -> int:
    """Beat: re-enqueue deliveries left unsent by a lost message or a broker outage."""
    from datetime import timedelta

    return engine.deliveries_enqueue(
        engine.stranded_ids(older_than=timedelta(minutes=15))
    )
