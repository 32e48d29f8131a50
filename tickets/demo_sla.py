"""Demo service standards: the Sydney calendar, SLA policies, macros, ratings.

``seed_standards(out)`` is idempotent. Seeded tickets get their SLA fields from the
engine itself (``tickets.sla.replay`` over the history they record, with the
calendar's exact business time): before insertion (``due_times_setter``) or, for
tickets loaded another way, in batches (``fill_due_times``).
"""

import datetime as dt
import random
from collections.abc import Callable

from django.db.models import F
from django.utils import timezone

from tickets import sla
from tickets.models import (
    BusinessCalendar,
    CannedReply,
    Holiday,
    SatisfactionRating,
    SlaPolicy,
    Ticket,
)

# NSW public holidays (weekday observances as gazetted).
NSW_HOLIDAYS = {
    "2026-01-01": "New Year's Day",
    "2026-01-26": "Australia Day",
    "2026-04-03": "Good Friday",
    "2026-04-04": "Easter Saturday",
    "2026-04-05": "Easter Sunday",
    "2026-04-06": "Easter Monday",
    "2026-04-25": "Anzac Day",
    "2026-06-08": "King's Birthday",
    "2026-10-05": "Labour Day",
    "2026-12-25": "Christmas Day",
    "2026-12-26": "Boxing Day",
    "2026-12-28": "Boxing Day (additional day)",
    "2027-01-01": "New Year's Day",
    "2027-01-26": "Australia Day",
    "2027-03-26": "Good Friday",
    "2027-03-27": "Easter Saturday",
    "2027-03-28": "Easter Sunday",
    "2027-03-29": "Easter Monday",
    "2027-04-25": "Anzac Day",
    "2027-06-14": "King's Birthday",
    "2027-10-04": "Labour Day",
    "2027-12-25": "Christmas Day",
    "2027-12-26": "Boxing Day",
    "2027-12-27": "Christmas Day (additional day)",
    "2027-12-28": "Boxing Day (additional day)",
}

H, DAY = 60, 8 * 60  # business minutes
# priority: (first response, next response, resolution)
POLICIES = {
    "urgent": (1 * H, 4 * H, 8 * H),
    "high": (2 * H, 8 * H, 2 * DAY),
    "normal": (8 * H, 1 * DAY, 5 * DAY),
    "low": (1 * DAY, 2 * DAY, 10 * DAY),
}

MACROS = [
    (
        "Ask for the creator's UID",
        "Hi {requester_name},\n\nthanks for reaching out about {reference}. Could you "
        "send us the creator's UID (Profile → Settings → Account)? We'll follow up "
        "as soon as we have it.\n\n{agent_name}, Creator Network Support",
        "pending",
        "",
        "",
    ),
    (
        "Payout under review",
        "Hi {requester_name},\n\npart of the diamonds are under a routine review by "
        "the payments team. We've put {reference} on hold and will update {network} "
        "once it clears (usually within 5 business days).\n\n{agent_name}",
        "on_hold",
        "",
        "payout-review",
    ),
    (
        "Escalated to LIVE moderation",
        "Hi {requester_name},\n\nwe've escalated this to the LIVE moderation team "
        "with priority. We'll update you within one business day.\n\n{agent_name}",
        "",
        "high",
        "escalated",
    ),
    (
        "Solved — glad to help",
        "Hi {requester_name},\n\nglad we could sort this out. We're marking "
        "{reference} as solved; just reply if anything else comes up.\n\n{agent_name}",
        "solved",
        "",
        "",
    ),
]

COMMENTS = [
    (5, "Fast and clear, thank you!"),
    (4, "Solved, took a little while."),
    (5, ""),
    (3, "Okay in the end, but we had to ask twice."),
    (4, ""),
    (2, "Too slow for a payout question."),
]


def seed_standards(out: Callable[[str], None]) -> BusinessCalendar:
    calendar, _ = BusinessCalendar.objects.get_or_create(
        name="Sydney support team",
        defaults={
            "time_zone": "Australia/Sydney",
            "weekdays": [0, 1, 2, 3, 4],
            "start_time": dt.time(9),
            "end_time": dt.time(17),
        },
    )
    Holiday.objects.bulk_create(
        [
            Holiday(calendar=calendar, date=dt.date.fromisoformat(day), name=name)
            for day, name in NSW_HOLIDAYS.items()
        ],
        ignore_conflicts=True,
    )
    for priority, (first, nxt, resolution) in POLICIES.items():
        SlaPolicy.objects.get_or_create(
            priority=priority,
            network_tier="",
            defaults={
                "name": f"{priority.title()} (Sydney hours)",
                "calendar": calendar,
                "first_response_minutes": first,
                "next_response_minutes": nxt,
                "resolution_minutes": resolution,
            },
        )
    for title, body, status, priority, tag in MACROS:
        CannedReply.objects.get_or_create(
            title=title,
            defaults={
                "body": body,
                "set_status": status,
                "set_priority": priority,
                "add_tag": tag,
            },
        )
    out("SLA calendar (Sydney, NSW holidays 2026–2027), policies and macros ready.")
    return calendar


# Every SLA field ``tickets.sla.replay`` sets.
SLA_FIELDS = [
    "sla_policy",
    "first_response_at",
    "first_response_due_at",
    "next_response_due_at",
    "next_response_started_at",
    "resolution_due_at",
    "sla_due_at",
    "sla_paused_at",
    "sla_paused_seconds",
    "sla_remaining",
    "first_response_warned_at",
    "first_response_breached_at",
    "next_response_warned_at",
    "next_response_breached_at",
    "resolution_warned_at",
    "resolution_breached_at",
    "sla_breached_at",
    "first_response_business_seconds",
    "resolution_business_seconds",
]
BATCH = 2000


def due_times_setter(now: dt.datetime | None = None) -> Callable[[Ticket], None]:
    """The SLA engine's fields for one ticket still in memory (``sla.replay``): the
    bulk seeder sets them before inserting instead of rewriting 100,000 rows (and
    their indexes) afterwards (issue 9), with the engine's exact business time."""
    now = now or timezone.now()
    policies = sla.policies_with_calendars()

    def fill(ticket: Ticket) -> None:
        policy = policies.get(ticket.priority)
        if policy is not None:
            sla.replay(ticket, policy=policy, now=now)

    return fill


def fill_due_times(out: Callable[[str], None]) -> int:
    """SLA fields for tickets without a policy (loaded another way), replayed by
    the engine in batches: a read and a ``bulk_update`` per ``BATCH`` tickets."""
    fill = due_times_setter()
    done, last = 0, 0
    while True:
        todo = Ticket.objects.filter(sla_policy__isnull=True, pk__gt=last)
        batch = list(todo.order_by("pk")[:BATCH])
        if not batch:
            break
        for ticket in batch:
            fill(ticket)
        filled = [t for t in batch if t.sla_policy_id is not None]
        Ticket.objects.bulk_update(filled, SLA_FIELDS, batch_size=BATCH)
        done += len(filled)
        last = batch[-1].pk
    if done:
        out(f"SLA due times filled for {done} tickets.")
    return done


def seed_ratings(out: Callable[[str], None], *, limit: int = 20000) -> int:
    """Ratings on solved demo tickets that have none (about two in three)."""
    rng = random.Random(5)  # noqa: S311 - demo data
    rows = (
        Ticket.objects.filter(
            status__in=[Ticket.Status.SOLVED, Ticket.Status.CLOSED],
            satisfaction__isnull=True,
            requester__isnull=False,
        )
        .order_by("pk")
        .values_list("pk", "requester_id", "resolved_at")[:limit]
    )
    ratings = []
    for position, (pk, requester_id, resolved_at) in enumerate(rows):
        if position % 3 == 2:  # by position, not pk: the same share whatever the ids
            continue
        score, comment = rng.choice(COMMENTS)
        when = (resolved_at or timezone.now()) + dt.timedelta(hours=3)
        ratings.append(
            SatisfactionRating(
                ticket_id=pk,
                rated_by_id=requester_id,
                score=score,
                comment=comment,
                created_at=when,
                updated_at=when,
            )
        )
    SatisfactionRating.objects.bulk_create(
        ratings, batch_size=5000, ignore_conflicts=True
    )
    Ticket.objects.filter(
        satisfaction__isnull=False, satisfaction_requested_at__isnull=True
    ).update(satisfaction_requested_at=F("resolved_at"))
    if ratings:
        out(f"{len(ratings)} satisfaction ratings added.")
    return len(ratings)
