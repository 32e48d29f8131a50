"""Generated demo tickets, for a demo or benchmark of any size: ``--tickets N``
adds N of them in bulk (``tickets.seeding``), their SLA fields set on the way in
by the engine (``tickets.demo_sla.due_times_setter``)."""

import random
import time
from datetime import timedelta

from django.utils import timezone

from hub.models import CreatorNetwork, Membership
from tickets import demo_sla
from tickets.models import Ticket
from tickets.seeding import MessageSpec, TicketSpec, tickets_bulk_create

S, K, P = Ticket.Status, Ticket.Kind, Ticket.Priority

BULK_TOPICS = [
    ("payouts-diamonds", "Diamonds missing from %s's payout", K.PROBLEM),
    ("payouts-diamonds", "When is the payout for %s's LIVE gifts?", K.QUESTION),
    ("live-access", "%s's LIVE access was suspended", K.PROBLEM),
    ("live-access", "Appeal a LIVE restriction for %s", K.PROBLEM),
    ("creator-recruitment", "Can we recruit %s to the agency?", K.QUESTION),
    ("campaigns", "Sign %s up for the LIVE campaign", K.QUESTION),
    ("account-linking", "Binding %s to our agency fails", K.PROBLEM),
    ("policy", "Is %s's LIVE format allowed under the guidelines?", K.QUESTION),
    ("other", "Idea from %s for the agency dashboard", K.FEATURE_REQUEST),
]
HANDLES = [
    "ava.live",
    "noah.plays",
    "mia.sings",
    "leo.cooks",
    "zoe.dance",
    "kai.art",
    "ivy.talks",
    "max.fit",
    "ella.beauty",
    "sam.gaming",
    "lily.vlogs",
    "jay.music",
]
REPLY_DELAYS = [20, 45, 60, 90, 180, 240, 600, 1500, 3000, 6000]
STATUS_WEIGHTS = [
    (S.NEW, 10),
    (S.OPEN, 20),
    (S.PENDING, 15),
    (S.ON_HOLD, 5),
    (S.SOLVED, 30),
    (S.CLOSED, 20),
]


def generated_tickets_add(count: int, categories: dict, staff: list, out) -> None:
    """Add ``count`` generated tickets (seeded: the same ones each run) over the
    networks and their members, answered by ``staff``, in ``categories``."""
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    networks = list(CreatorNetwork.objects.values_list("pk", flat=True))
    members: dict[int, list[int]] = {}
    for network_id, user_id in Membership.objects.values_list("network_id", "user_id"):
        members.setdefault(network_id, []).append(user_id)
    staff_ids = [u.pk for u in staff] or [None]
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    now = timezone.now()

    def specs():
        for _i in range(count):
            network_id = rng.choice(networks)
            requester = rng.choice(members.get(network_id) or [None])
            slug, pattern, kind = rng.choice(BULK_TOPICS)
            handle = "@" + rng.choice(HANDLES)
            created = now - timedelta(minutes=rng.randint(6 * 60, 180 * 24 * 60))
            status = rng.choices(statuses, weights)[0]
            agent = rng.choice(staff_ids)
            # how long the first answer took: mostly quick, sometimes days (SLA data)
            wait = timedelta(minutes=rng.choice(REPLY_DELAYS))
            messages = []
            if status != S.NEW:
                messages.append(
                    MessageSpec(
                        agent,
                        "Thanks, we're looking into it.",
                        created + wait,
                        author_is_staff=True,
                    )
                )
                if rng.random() < 0.5:
                    messages.append(
                        MessageSpec(
                            agent,
                            "Checked the logs; see dashboard.",
                            created + wait + timedelta(hours=1),
                            internal=True,
                            author_is_staff=True,
                        )
                    )
                if rng.random() < 0.4:
                    messages.append(
                        MessageSpec(
                            requester,
                            "Thank you, any update?",
                            created + wait + timedelta(hours=4),
                        )
                    )
            yield TicketSpec(
                network_id=network_id,
                requester_id=requester,
                subject=pattern % handle,
                description=f"Details about {handle}: please see the LIVE on "
                f"{created:%d %b}. (benchmark ticket)",
                created_at=created,
                category_id=categories[slug].pk,
                kind=kind,
                priority=rng.choices(P.values, [20, 55, 20, 5])[0],
                status=status,
                assignee_id=agent if status != S.NEW else None,
                messages=messages,
            )

    if not networks:
        out("tickets: no networks, nothing to add")
        return
    started = time.monotonic()
    tickets_bulk_create(
        specs=specs(), out=out, total=count, prepare=demo_sla.due_times_setter(now)
    )
    out(f"Added {count} benchmark tickets in {time.monotonic() - started:.1f}s.")
