"""Background work of the insights app (thin: ids in, services/notifications do it)."""

from celery import shared_task


@shared_task
def recurring_questions_task() -> int:
    """Nightly: regroup the last weeks' tickets into recurring questions."""
    from insights.services import recurring_groups_compute

    return len(recurring_groups_compute())


@shared_task(acks_late=True)
def embed_ticket_task(ticket_id: int) -> bool:
    """After a ticket is created (``HUB_EMBED_ON_CREATE``): store its meaning vector
    in the embedding cache, so the nightly grouping embeds only what this missed.
    Idempotent: a ticket already cached costs one lookup."""
    from insights.recurring import embed_tickets

    return embed_tickets([ticket_id]) == 1


@shared_task
def weekly_update_due_task() -> int:
    """Hourly: claim and enqueue the weekly update of managers at Monday 08:00."""
    from insights.notifications import enqueue_due_weekly_updates

    return enqueue_due_weekly_updates()


@shared_task(acks_late=True)
def feedback_status_email_task(change_id: int) -> int:
    """Add a ledger row per requester told of a status change and send them."""
    from insights.notifications import send_feedback_status

    return send_feedback_status(change_id)


@shared_task
def search_gaps_compute_task() -> int:
    """Hourly: regroup unanswered FAQ searches into search gaps."""
    from insights.services import search_gaps_compute

    return len(search_gaps_compute())
