"""E-mails of the insights app: the Monday weekly update and feedback status news.

Called by the tasks in ``insights.tasks``; every message goes through
``hub.emails``.
"""

from __future__ import annotations

import logging
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub import outbox
from hub.emails import send_email
from hub.roles import MANAGERS
from insights import selectors, services
from insights.models import FeedbackItem, FeedbackStatusChange, WeeklyUpdateDelivery
from insights.weeks import Week

logger = logging.getLogger(__name__)

SEND_WEEKDAY = 0  # Monday
SEND_HOUR = 8


def _local(now: datetime, tz: str) -> datetime:
    try:
        return now.astimezone(zoneinfo.ZoneInfo(tz or "UTC"))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return now.astimezone(zoneinfo.ZoneInfo("UTC"))


def managers_due(now: datetime | None = None) -> list[tuple]:
    """(manager, week reported) for managers whose local time is Monday 08:xx.

    The update reports the ISO week that has just ended in the manager's time zone.
    """
    now = now or timezone.now()
    due = []
    managers = get_user_model().objects.filter(
        is_active=True, is_staff=True, groups__name=MANAGERS
    )
    for manager in managers.distinct():
        local = _local(now, manager.time_zone)
        if local.weekday() == SEND_WEEKDAY and local.hour == SEND_HOUR:
            due.append((manager, Week.of(local.date()).shift(-1)))
    return due


def enqueue_due_weekly_updates(now: datetime | None = None) -> int:
    """Claim a delivery row for each manager due now and enqueue the e-mail."""
    from insights.tasks import weekly_update_email_task

    queued = 0
    for manager, week in managers_due(now):
        with transaction.atomic():
            delivery = services.weekly_delivery_claim(manager=manager, week=str(week))
            if delivery is None:
                continue  # already claimed by an earlier run
            outbox.enqueue(weekly_update_email_task, delivery_id=delivery.pk)
            queued += 1
    return queued


def weekly_update_context(week: Week) -> dict:
    from insights.selectors.workflow import weekly_workflow

    update = selectors.weekly_update(week=week)
    return {
        "week": str(week),
        "monday": week.monday,
        "sunday": week.sunday,
        "volume": update["volume"],
        "categories": update["categories"]["rows"],
        "recurring": update["recurring"]["groups"],
        "faq": update["faq"],
        "sla": update["sla"],
        "onboarding": update["onboarding"],
        "workflow": weekly_workflow(week=week),
        "url": settings.HUB_BASE_URL + reverse("hub:weekly") + f"?week={week}",
    }


def send_weekly_update(delivery_id: int) -> bool:
    """Send one claimed delivery; the row lock makes a retried or duplicate task a
    no-op once the e-mail is out."""
    with transaction.atomic():
        delivery = (
            WeeklyUpdateDelivery.objects.select_for_update()
            .select_related("manager")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.sent_at is not None:
            return False
        week = Week.parse(delivery.week)
        manager = delivery.manager
        send_email(
            to=manager.email,
            template="weekly_update",
            context={"name": manager.get_short_name(), **weekly_update_context(week)},
        )
        services.weekly_delivery_mark_sent(delivery_id=delivery.pk)
    return True


def send_feedback_status(change_id: int) -> int:
    """Tell the requesters of an item's tickets that its status changed."""
    change = (
        FeedbackStatusChange.objects.select_related("item").filter(pk=change_id).first()
    )
    if change is None:
        return 0
    item = change.item
    people = selectors.feedback_status_recipients(item=item)
    status = FeedbackItem.Status(change.new_status).label
    sent = 0
    for person in people:
        send_email(
            to=person.email,
            template="feedback_status",
            context={
                "name": person.get_short_name(),
                "title": item.title,
                "status": status,
                "note": change.note,
            },
        )
        sent += 1
    return sent
