"""The one sending task of the delivery ledger (``emails.delivery``)."""

from celery import shared_task
from django.conf import settings
from django.utils.module_loading import autodiscover_modules

from emails import delivery as engine
from emails.retry import EMAIL_RETRY


@shared_task(bind=True, **EMAIL_RETRY)
def send_deliveries_task(self, delivery_ids: list[int]) -> dict:
    """Send a chunk of delivery rows, each exactly once (see ``emails.delivery``).

    Rows another worker holds a fresh claim on (or died holding) are looked at
    again once that claim would have gone stale.
    """
    autodiscover_modules("messages")  # each app's ``messages`` registers builders
    outcomes = engine.deliveries_send(delivery_ids=delivery_ids)
    if outcomes[engine.BUSY] and not self.request.is_eager:
        send_deliveries_task.apply_async(
            args=[outcomes[engine.BUSY]],
            countdown=settings.HUB_DELIVERY_CLAIM_TIMEOUT + 1,
        )
    return {outcome: len(ids) for outcome, ids in outcomes.items()}
