"""Builders of the insights e-mails on the one delivery ledger (``emails.delivery``):
the Monday weekly update (one row per manager and ISO week) and feedback status
news (one row per requester and status change)."""

from emails import delivery as engine
from hub.emails import build_email
from insights.models import FeedbackItem, FeedbackStatusChange
from onboarding.models import Delivery


def _memo(batch: engine.Batch, key: tuple, compute):
    if key not in batch.memo:
        batch.memo[key] = compute()
    return batch.memo[key]


@engine.register_builder(Delivery.Kind.WEEKLY_UPDATE)
def build_weekly_update(delivery: Delivery, batch: engine.Batch):
    """``key`` is the ISO week reported; its figures are computed once per chunk."""
    from core.periods import Week
    from insights.notifications import weekly_update_context

    manager = delivery.recipient
    if not manager.is_active:
        return None
    context = _memo(
        batch,
        ("weekly", delivery.key),
        lambda: weekly_update_context(Week.parse(delivery.key)),
    )
    return build_email(
        to=manager.email,
        template="weekly_update",
        context={"name": manager.get_short_name(), **context},
    )


@engine.register_builder(Delivery.Kind.FEEDBACK_STATUS)
def build_feedback_status(delivery: Delivery, batch: engine.Batch):
    """``object_id`` is the ``FeedbackStatusChange`` told about."""
    change = _memo(
        batch,
        ("feedback-change", delivery.object_id),
        lambda: (
            FeedbackStatusChange.objects.select_related("item")
            .filter(pk=delivery.object_id)
            .first()
        ),
    )
    person = delivery.recipient
    if change is None or not person.is_active:
        return None
    return build_email(
        to=person.email,
        template="feedback_status",
        context={
            "name": person.get_short_name(),
            "title": change.item.title,
            "status": FeedbackItem.Status(change.new_status).label,
            "note": change.note,
        },
    )
