"""Publishing announcements (now or when due), e-mailing them once, acknowledging."""

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from emails import delivery as engine
from hub import outbox
from hub.models import Membership
from onboarding.models import Announcement, AnnouncementAcknowledgement, Delivery
from onboarding.selectors import (
    announcement_audience_networks,
    forget_banner_announcements,
)


@transaction.atomic
def announcement_publish(
    *, announcement: Announcement, now=None, actor=None
) -> Announcement:
    """Publish (idempotent) and, after commit, e-mail its audience once each.

    ``actor``: the staff member publishing it now (recorded in the audit log);
    None when beat publishes a scheduled announcement."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.published_at is not None:
        return announcement
    now = now or timezone.now()
    announcement.published_at = now
    if announcement.publish_at is None or announcement.publish_at > now:
        announcement.publish_at = now
    announcement.save(update_fields=["published_at", "publish_at"])
    announcement_audience_decide(announcement=announcement)
    if actor is not None:
        audit_record(
            actor=actor,
            action="announcement.publish",
            obj=announcement,
            changes={"published_at": [None, now]},
        )
    from onboarding.tasks import announcement_fan_out_task

    outbox.enqueue(announcement_fan_out_task, announcement_id=announcement.pk)
    return announcement


def announcement_audience_decide(*, announcement: Announcement) -> int:
    """Store who the announcement is for, once, as it is published: the banner, the
    list, the digest and the e-mails all read this set, so a network that changes
    region or tier later, or joins later, does not change who was told."""
    networks = list(
        announcement_audience_networks(announcement).values_list("pk", flat=True)
    )
    announcement.audience.set(networks)
    return len(networks)


def announcements_publish_due(*, now=None, batch_size: int = 50) -> int:
    """Beat: publish scheduled announcements whose time has come (parallel-safe)."""
    now = now or timezone.now()
    published = 0
    while True:
        with transaction.atomic():
            due = list(
                Announcement.objects.select_for_update(skip_locked=True)
                .filter(published_at__isnull=True, publish_at__lte=now)
                .order_by("pk")[:batch_size]
            )
            for announcement in due:
                announcement_publish(announcement=announcement, now=now)
        published += len(due)
        if len(due) < batch_size:
            return published


def announcement_fan_out(*, announcement_id: int) -> int:
    """Create one delivery per audience member and enqueue them; safe to re-run."""
    announcement = Announcement.objects.filter(
        pk=announcement_id, published_at__isnull=False
    ).first()
    if announcement is None:
        return 0
    key = f"a{announcement.pk}"
    rows = (
        Membership.objects.filter(
            network__in=announcement.audience.all(),
            user__is_active=True,
        )
        .order_by("user_id", "network_id")
        .values_list("user_id", "network_id")
    )
    with transaction.atomic():
        engine.deliveries_create(
            kind=Delivery.Kind.ANNOUNCEMENT,
            rows=(
                (user_id, key, network_id, announcement.pk)
                for user_id, network_id in rows
            ),
        )
    return engine.deliveries_enqueue(
        engine.unsent_ids(kind=Delivery.Kind.ANNOUNCEMENT, keys=[key])
    )


@transaction.atomic
def announcement_acknowledge(*, announcement: Announcement, user) -> None:
    AnnouncementAcknowledgement.objects.get_or_create(
        announcement=announcement, user=user
    )
    forget_banner_announcements(user)
