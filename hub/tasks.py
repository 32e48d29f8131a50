from celery import shared_task

from hub.emails import send_email


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, acks_late=True
)
def send_email_task(*, to: list[str], template: str, context: dict) -> None:
    """Send a transactional e-mail whose context is plain JSON (no model objects)."""
    send_email(to=to, template=template, context=context)


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
