"""The database side of the SLA engine: which policy applies to a ticket, with
its calendar (and holidays) loaded once so the clocks compute without queries."""

from __future__ import annotations

from django.db.models import Q

from tickets.business_time import Calendar
from tickets.models import SlaPolicy, Ticket


def policy_for(*, priority: str, tier: str | None) -> SlaPolicy | None:
    """The active policy for a priority: the network tier's own, else the default."""
    candidates = (
        SlaPolicy.objects.filter(is_active=True, priority=priority)
        .filter(Q(network_tier="") | Q(network_tier=tier or ""))
        .select_related("calendar")
        .prefetch_related("calendar__holidays")
    )
    best = None
    for policy in candidates:
        if policy.network_tier or best is None:
            best = policy
    return best


def calendar_of(policy: SlaPolicy) -> Calendar:
    cached = getattr(policy, "_calendar", None)
    if cached is None:
        cached = policy._calendar = policy.calendar.to_calendar()
    return cached


def ticket_policy(ticket: Ticket) -> SlaPolicy | None:
    """The ticket's policy with its calendar loaded (read again if it was not)."""
    if ticket.sla_policy_id is None:
        return None
    policy = ticket.sla_policy
    if not hasattr(policy, "_calendar"):
        policy = (
            SlaPolicy.objects.select_related("calendar")
            .prefetch_related("calendar__holidays")
            .get(pk=policy.pk)
        )
        ticket.sla_policy = policy
    return policy


def policies_with_calendars() -> dict[str, SlaPolicy]:
    """The default (tier-less) active policy per priority, calendars loaded."""
    policies = (
        SlaPolicy.objects.filter(network_tier="", is_active=True)
        .select_related("calendar")
        .prefetch_related("calendar__holidays")
    )
    for policy in policies:
        calendar_of(policy)
    return {policy.priority: policy for policy in policies}
