"""E-mails of the insights app: the Monday weekly update and feedback status news.

Called by the tasks in ``insights.tasks``. Both are per-recipient e-mails on the
one delivery ledger (``emails.delivery``): rows are added here, claimed, sent and
marked by ``emails.tasks.send_deliveries_task``, built by ``insights.messages``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.periods import Week, local_now
from emails import delivery as engine
from hub.roles import MANAGERS
from insights import selectors
from insights.models import FeedbackStatusChange
from onboarding.models import Delivery

logger = logging.getLogger(__name__)

SEND_WEEKDAY = 0  # Monday
SEND_HOUR = 8


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
        local = local_now(now, manager.time_zone)
        if local.weekday() == SEND_WEEKDAY and local.hour == SEND_HOUR:
            due.append((manager, Week.of(local.date()).shift(-1)))
    return due


def enqueue_due_weekly_updates(now: datetime | None = None) -> int:
    """A ledger row for each manager due now (one per manager and week, so a run
    repeated or running twice adds nobody twice), then the unsent ones are sent."""
    due = managers_due(now)
    weeks = sorted({str(week) for _manager, week in due})
    created = engine.deliveries_create(
        kind=Delivery.Kind.WEEKLY_UPDATE,
        rows=[(manager.pk, str(week), None, None) for manager, week in due],
    )
    transaction.on_commit(
        lambda: engine.deliveries_enqueue(
            engine.unsent_ids(kind=Delivery.Kind.WEEKLY_UPDATE, keys=weeks)
        )
    )
    return created


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
        "url": settings.HUB_BASE_URL + reverse("insights:weekly") + f"?week={week}",
    }


def send_feedback_status(change_id: int) -> int:
    """A ledger row for each requester of an item's tickets told of this status
    change, then the unsent ones are sent (a retried task adds nobody twice and
    the ledger sends each row once). Returns the number of rows added."""
    change = FeedbackStatusChange.objects.filter(pk=change_id).first()
    if change is None:
        return 0
    people = selectors.feedback_status_recipients(item=change.item)
    key = f"change-{change.pk}"
    created = engine.deliveries_create(
        kind=Delivery.Kind.FEEDBACK_STATUS,
        rows=[(pk, key, None, change.pk) for pk in people.values_list("pk", flat=True)],
    )
    transaction.on_commit(
        lambda: engine.deliveries_enqueue(
            engine.unsent_ids(kind=Delivery.Kind.FEEDBACK_STATUS, keys=[key])
        )
    )
    return created
