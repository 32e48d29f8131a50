"""The hub's own background work. Tasks take ids, never addresses or links: the
e-mail's recipient, text and any signed link are worked out when it is sent."""

from celery import shared_task

from emails.retry import EMAIL_RETRY  # the one retry policy of e-mail tasks


@shared_task(**EMAIL_RETRY)
def password_reset_email_task(user_ids: list[int]) -> int:
    """E-mail a fresh reset link to each account (none when the address was unknown)."""
    from hub.notifications import send_password_reset

    return send_password_reset(user_ids=user_ids)


@shared_task
def clear_sessions_task() -> None:
    """Delete expired sessions (beat, nightly)."""
    from django.core.management import call_command

    call_command("clearsessions")


@shared_task
def outbox_flush_task() -> int:
    """Send outbox rows the broker could not take when they were written (beat)."""
    from hub import outbox

    return outbox.flush()
