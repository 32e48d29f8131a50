"""Weekly tips, monthly digests and the preferences that govern them."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.periods import Period
from emails import delivery as engine
from onboarding.models import Delivery, EmailPreference
from onboarding.selectors import digest_recipients, tip_recipients


@transaction.atomic
def preferences_update(*, user, tips: bool, digest: bool) -> EmailPreference:
    pref, _created = EmailPreference.objects.get_or_create(user=user)
    pref.tips, pref.digest = tips, digest
    pref.save(update_fields=["tips", "digest", "updated_at"])
    return pref


@transaction.atomic
def unsubscribe(*, user_id: int, topic: str) -> None:
    pref, _created = EmailPreference.objects.get_or_create(user_id=user_id)
    setattr(pref, topic, False)
    pref.save(update_fields=[topic, "updated_at"])


def digest_schedule(*, period: Period) -> int:
    """Create the period's digest deliveries and enqueue every unsent one.

    Re-running a period adds nobody twice and re-enqueues only unsent rows (which
    the claim then sends at most once).
    """
    with transaction.atomic():
        engine.deliveries_create(
            kind=Delivery.Kind.DIGEST,
            rows=(
                (user_id, f"{period.key}/n{network_id}", network_id, None)
                for user_id, network_id in digest_recipients().values_list(
                    "user_id", "network_id"
                )
            ),
        )
    return engine.deliveries_enqueue(
        engine.unsent_ids(kind=Delivery.Kind.DIGEST, key_prefix=f"{period.key}/")
    )


def tips_schedule(*, now=None, only_due_now: bool = True) -> int:
    """Create this week's tip deliveries for members whose local time is tip time.

    ``only_due_now=False`` (the command) takes every network regardless of its
    local hour; the ISO-week key still allows one tip per member per week.
    """
    now = now or timezone.now()
    pairs = tip_recipients(
        now=now,
        only_due_now=only_due_now,
        weekday=settings.HUB_TIPS_WEEKDAY,
        hour=settings.HUB_TIPS_HOUR,
    )
    weeks = {week for _user, _network, week in pairs}
    with transaction.atomic():
        engine.deliveries_create(
            kind=Delivery.Kind.TIP,
            rows=(
                (user_id, week, network_id, None) for user_id, network_id, week in pairs
            ),
        )
    return engine.deliveries_enqueue(
        engine.unsent_ids(kind=Delivery.Kind.TIP, keys=weeks)
    )
