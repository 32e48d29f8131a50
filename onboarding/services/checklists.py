"""Checklists: started from the default plan, ticked by both sides, stall sweep."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import PermissionDeniedError
from core.validators import is_safe_link
from hub import outbox
from hub import permissions as access
from hub.models import CreatorNetwork
from onboarding.models import (
    Onboarding,
    OnboardingPlan,
    OnboardingStep,
    OwnerSide,
)


@transaction.atomic
def onboarding_start(
    *, network: CreatorNetwork, plan: OnboardingPlan | None = None
) -> Onboarding | None:
    """Give ``network`` a checklist from ``plan`` (default: the default plan).

    Idempotent: a network that already has a checklist keeps it. Returns None when
    there is no plan to start from.
    """
    existing = Onboarding.objects.filter(network=network).first()
    if existing:
        return existing
    plan = plan or OnboardingPlan.objects.filter(is_default=True).first()
    if plan is None:
        return None
    now = timezone.now()
    onboarding = Onboarding.objects.create(
        network=network, plan=plan, started_at=now, last_progress_at=now
    )
    start_day = timezone.localdate(now)
    OnboardingStep.objects.bulk_create(
        OnboardingStep(
            onboarding=onboarding,
            order=step.order,
            title=step.title,
            description=step.description,
            guide_url=step.guide_url if is_safe_link(step.guide_url) else "",
            owner_side=step.owner_side,
            due_on=start_day + timedelta(days=step.due_offset_days),
        )
        for step in plan.steps.all()
    )
    return onboarding


def can_tick(user, step: OnboardingStep) -> bool:
    """Staff tick any step; a network's people tick that network's own steps."""
    if access.is_staff_member(user):
        return True
    return (
        step.owner_side == OwnerSide.NETWORK
        and step.onboarding.network_id in access.network_ids(user)
    )


@transaction.atomic
def onboarding_step_set_done(
    *, step: OnboardingStep, user, done: bool
) -> OnboardingStep:
    if not can_tick(user, step):
        raise PermissionDeniedError(_("Only the agency manager can tick this step."))
    onboarding = Onboarding.objects.select_for_update().get(pk=step.onboarding_id)
    step = OnboardingStep.objects.select_for_update().get(pk=step.pk)
    now = timezone.now()
    if done and step.done_at is None:
        step.done_at, step.done_by = now, user
    elif not done:
        step.done_at, step.done_by = None, None
    step.save(update_fields=["done_at", "done_by"])
    remaining = onboarding.steps.filter(done_at__isnull=True).exists()
    onboarding.last_progress_at = now
    onboarding.stalled_reminded_at = None  # progress ends a stall
    onboarding.completed_at = None if remaining else (onboarding.completed_at or now)
    onboarding.save(
        update_fields=["last_progress_at", "stalled_reminded_at", "completed_at"]
    )
    return step


def onboarding_remind_stalled(*, batch_size: int = 100) -> int:
    """Remind each stalled onboarding's manager once; safe with parallel sweeps."""
    reminded = 0
    while True:
        seen, count = _remind_batch(batch_size)
        reminded += count
        if seen < batch_size:
            return reminded


def _stalled():
    cutoff = timezone.now() - timedelta(days=settings.HUB_ONBOARDING_STALL_DAYS)
    return Onboarding.objects.filter(
        completed_at__isnull=True,
        last_progress_at__lt=cutoff,
        stalled_reminded_at__isnull=True,
        network__manager__isnull=False,
    )


@transaction.atomic
def _remind_batch(batch_size: int) -> tuple[int, int]:
    rows = list(
        _stalled()
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("network", "network__manager")
        .order_by("pk")[:batch_size]
    )
    now = timezone.now()
    count = 0
    for onboarding in rows:
        # re-check under the lock: progress may have landed since the query
        if not onboarding.is_stalled or onboarding.stalled_reminded_at is not None:
            continue
        onboarding.stalled_reminded_at = now
        onboarding.save(update_fields=["stalled_reminded_at"])
        from onboarding.tasks import onboarding_stalled_email_task

        outbox.enqueue(onboarding_stalled_email_task, onboarding_id=onboarding.pk)
        count += 1
    return len(rows), count
