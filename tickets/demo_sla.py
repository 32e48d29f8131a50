"""Demo service standards: the Sydney calendar, SLA policies, macros, ratings.

``seed_standards(out)`` is idempotent. ``fill_due_times(out)`` gives tickets loaded in
bulk (no policy yet) their SLA fields with a handful of UPDATEs, however many
there are: business time is approximated as real time / 4.2 (a 40-hour week in a
168-hour one). Tickets created through the services get exact due times.
"""

import datetime as dt
import random
from collections.abc import Callable

from django.db import connection
from django.db.models import Case, DateTimeField, F, Q, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

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
APPROX = 4.2  # real time per unit of business time (168 h / 40 h)


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


def _approx(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes * APPROX)


def _business_seconds_sql(later: str) -> str:
    if connection.vendor == "postgresql":
        span = f"EXTRACT(EPOCH FROM ({later} - created_at))"
    else:
        span = f"((julianday({later}) - julianday(created_at)) * 86400)"
    return f"CAST({span} / {APPROX} AS INTEGER)"


def due_times_setter(now: dt.datetime | None = None) -> Callable[[Ticket], None]:
    """``fill_due_times``' rules for one ticket still in memory: the bulk seeder sets
    the SLA fields before inserting instead of rewriting 100,000 rows (and their
    indexes) a dozen times afterwards (issue 9: half of the seeding time)."""
    now = now or timezone.now()
    policies = {
        p.priority: p for p in SlaPolicy.objects.filter(network_tier="", is_active=True)
    }

    def business_seconds(later, created) -> int | None:
        return (
            None if later is None else round((later - created).total_seconds() / APPROX)
        )

    def fill(ticket: Ticket) -> None:
        policy = policies.get(ticket.priority)
        if policy is None:
            return
        created, answered, solved = (
            ticket.created_at,
            ticket.first_response_at,
            ticket.resolved_at,
        )
        ticket.sla_policy_id = policy.pk
        first_due = created + _approx(policy.first_response_minutes)
        resolution_due = created + _approx(policy.resolution_minutes)
        ticket.first_response_due_at = first_due
        ticket.resolution_due_at = resolution_due
        ticket.first_response_business_seconds = business_seconds(answered, created)
        ticket.resolution_business_seconds = business_seconds(solved, created)
        if answered and answered > first_due:
            ticket.first_response_breached_at = answered
        if solved and solved > resolution_due:
            ticket.resolution_breached_at = solved
        active = ticket.status in Ticket.ACTIVE_STATUSES
        if active:
            if ticket.status == Ticket.Status.PENDING:
                ticket.sla_paused_at = ticket.updated_at
            if answered is None and first_due < now:
                ticket.first_response_breached_at = first_due
                ticket.first_response_warned_at = first_due
            if resolution_due < now and ticket.resolution_breached_at is None:
                ticket.resolution_breached_at = resolution_due
                ticket.resolution_warned_at = resolution_due
        ticket.sla_breached_at = (
            ticket.first_response_breached_at or ticket.resolution_breached_at
        )
        if active and ticket.sla_paused_at is None:
            ticket.sla_due_at = first_due if answered is None else resolution_due

    return fill


def fill_due_times(out: Callable[[str], None]) -> int:
    """SLA fields for tickets without a policy, a few UPDATEs per priority."""
    now = timezone.now()
    done = 0
    S = Ticket.Status
    for policy in SlaPolicy.objects.filter(network_tier="", is_active=True):
        todo = Ticket.objects.filter(sla_policy__isnull=True, priority=policy.priority)
        # one pass per priority writes the policy, due times and durations together
        # (each extra pass over 100,000 rows rewrites every row and its indexes)
        done += todo.update(
            sla_policy=policy,
            first_response_due_at=F("created_at")
            + _approx(policy.first_response_minutes),
            resolution_due_at=F("created_at") + _approx(policy.resolution_minutes),
            first_response_business_seconds=RawSQL(  # noqa: S611  # nosec B611 - constant SQL
                _business_seconds_sql("first_response_at"), []
            ),
            resolution_business_seconds=RawSQL(  # noqa: S611  # nosec B611 - constant SQL
                _business_seconds_sql("resolved_at"), []
            ),
        )
    table = Ticket._meta.db_table
    with connection.cursor() as cursor:  # rows that had a policy but no durations yet
        for field, later in (
            ("first_response_business_seconds", "first_response_at"),
            ("resolution_business_seconds", "resolved_at"),
        ):
            cursor.execute(
                # table and column names are the constants above, no input
                f"UPDATE {table} SET {field} = {_business_seconds_sql(later)} "  # noqa: S608  # nosec B608
                f"WHERE {field} IS NULL AND {later} IS NOT NULL "
                "AND sla_policy_id IS NOT NULL"
            )
    filled = Ticket.objects.filter(sla_policy__isnull=False)
    filled.filter(
        first_response_at__gt=F("first_response_due_at"),
        first_response_breached_at__isnull=True,
    ).update(first_response_breached_at=F("first_response_at"))
    filled.filter(
        resolved_at__gt=F("resolution_due_at"), resolution_breached_at__isnull=True
    ).update(resolution_breached_at=F("resolved_at"))
    active = filled.filter(status__in=Ticket.ACTIVE_STATUSES)
    active.filter(status=S.PENDING, sla_paused_at__isnull=True).update(
        sla_paused_at=F("updated_at")
    )
    # Historical tickets already overdue are marked, so the sweep does not e-mail
    # about months-old demo data.
    active.filter(first_response_at__isnull=True, first_response_due_at__lt=now).update(
        first_response_breached_at=F("first_response_due_at"),
        first_response_warned_at=F("first_response_due_at"),
    )
    active.filter(
        resolution_due_at__lt=now, resolution_breached_at__isnull=True
    ).update(
        resolution_breached_at=F("resolution_due_at"),
        resolution_warned_at=F("resolution_due_at"),
    )
    filled.filter(
        Q(first_response_breached_at__isnull=False)
        | Q(resolution_breached_at__isnull=False),
        sla_breached_at__isnull=True,
    ).update(
        sla_breached_at=Coalesce("first_response_breached_at", "resolution_breached_at")
    )
    active.filter(sla_paused_at__isnull=True, sla_due_at__isnull=True).update(
        sla_due_at=Case(
            When(first_response_at__isnull=True, then=F("first_response_due_at")),
            default=F("resolution_due_at"),
            output_field=DateTimeField(),
        )
    )
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
