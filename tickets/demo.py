"""Demo tickets: realistic LIVE-agency questions with replies and internal notes.

``seed(options, out)``: idempotent categories and hand-written tickets; with
``--tickets N`` it adds N generated tickets in bulk (see ``tickets.bulk``).
"""

import random
import time
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from hub.models import CreatorNetwork, Membership, User
from tickets import demo_sla
from tickets.demo_recurring import RECURRING_TICKETS
from tickets.models import Category, Tag, Ticket
from tickets.seeding import MessageSpec, TicketSpec, tickets_bulk_create

CATEGORIES = [
    (
        "payouts-diamonds",
        "Payouts & diamonds",
        "Diamond earnings, payout timing, bonuses.",
    ),
    ("live-access", "LIVE access & suspensions", "LIVE bans, restrictions, appeals."),
    ("creator-recruitment", "Creator recruitment", "Inviting creators, eligibility."),
    ("campaigns", "Campaigns & events", "Sign-up, rules and results of campaigns."),
    ("account-linking", "Account linking", "Binding creators to the agency."),
    ("policy", "Policy & guidelines", "Community guidelines and agency policy."),
    ("other", "Something else", ""),
]

S, K, P = Ticket.Status, Ticket.Kind, Ticket.Priority

# network, requester e-mail (None: arrived by e-mail), category, kind, priority,
# status, subject, description, [(who, internal, body)] — who: "net" or "staff".
DEMO_TICKETS = [
    (
        "Northstar Media",
        "owner@northstar.example",
        "payouts-diamonds",
        K.PROBLEM,
        P.HIGH,
        S.PENDING,
        "Diamonds from the 12 May LIVE battle not in the payout",
        "Our creator @skylar.sings had a LIVE battle on 12 May that earned about 48,000 diamonds "
        "(screenshot attached in my next reply). The payout report for that week only shows 31,200. "
        "Could you check what happened to the difference?",
        [
            (
                "staff",
                True,
                "Checked the revenue dashboard: 16,800 diamonds were held by the fraud "
                "filter (gifts from 3 new accounts). Waiting on Trust & Safety.",
            ),
            (
                "staff",
                False,
                "Thanks for the details! Part of the diamonds is under a routine review. "
                "Could you confirm the creator's UID so we can follow up with the payments team?",
            ),
        ],
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "live-access",
        K.PROBLEM,
        P.URGENT,
        S.OPEN,
        "Creator's LIVE access suspended for 7 days — appeal",
        "@milo.cooks got a 7-day LIVE suspension for 'dangerous activities' during a cooking stream "
        "(he was flambéing). We think this is a false positive. How do we appeal?",
        [
            (
                "staff",
                True,
                "Looks like a false positive from the automated review; escalated to "
                "the LIVE moderation queue with priority tag.",
            ),
            (
                "staff",
                False,
                "We have escalated the appeal to the moderation team and will update "
                "you within one business day.",
            ),
            (
                "net",
                False,
                "Thank you. He has a sponsored stream on Friday, so timing matters.",
            ),
        ],
    ),
    (
        "Northstar Media",
        "owner@northstar.example",
        "creator-recruitment",
        K.QUESTION,
        P.NORMAL,
        S.SOLVED,
        "Minimum follower count to invite a creator to the agency",
        "Is the 1,000-follower minimum still the rule for inviting new creators, "
        "or has it changed with the new agency program?",
        [
            (
                "staff",
                False,
                "It is still 1,000 followers and 18+ for LIVE; the creator must also "
                "not be bound to another agency. The recruitment guide in the knowledge base has the details.",
            ),
            ("net", False, "Perfect, thanks!"),
        ],
    ),
    (
        "Northstar Media",
        "member@northstar.example",
        "campaigns",
        K.QUESTION,
        P.NORMAL,
        S.NEW,
        "How to sign up our creators for the summer LIVE campaign",
        "We received the announcement about the summer LIVE campaign. Where do we register our "
        "creators, and is there a cap per agency?",
        [],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "account-linking",
        K.PROBLEM,
        P.HIGH,
        S.OPEN,
        "Creator binding request stuck in 'pending' for 10 days",
        "We sent a binding invitation to @aria.dance on the 3rd; it still shows pending on our "
        "side but she says she accepted it.",
        [
            (
                "staff",
                True,
                "Binding log shows the acceptance failed: her account region is still "
                "set to the old country. Asked the accounts team to fix the region.",
            ),
            (
                "staff",
                False,
                "We found the cause (a region mismatch on her account) and are fixing "
                "it with the accounts team. No action needed from you for now.",
            ),
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "policy",
        K.QUESTION,
        P.LOW,
        S.CLOSED,
        "Are giveaways during LIVE allowed?",
        "Can our creators run giveaways (e.g. a phone for the top gifter) during LIVE?",
        [
            (
                "staff",
                False,
                "Giveaways tied to gifting are not allowed under the LIVE gifting "
                "policy; giveaways open to all viewers without purchase are fine if the rules are shown.",
            )
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        "payouts-diamonds",
        K.QUESTION,
        P.NORMAL,
        S.ON_HOLD,
        "Agency bonus for March not received",
        "The March agency bonus (tier Growth) has not arrived. Normally it comes by the 15th.",
        [
            (
                "staff",
                True,
                "Finance confirms the March bonus run was delayed for the whole region; "
                "new date 28th. On hold until then.",
            ),
            (
                "staff",
                False,
                "The March bonus run is delayed for all agencies in your region; it is "
                "scheduled for the 28th. We'll confirm once it is paid.",
            ),
        ],
    ),
    (
        "Lumen Live",
        "owner@lumen.example",
        None,
        K.FEATURE_REQUEST,
        P.LOW,
        S.NEW,
        "Export of creators' LIVE hours per week",
        "It would help a lot to export every creator's weekly LIVE hours as CSV from the agency "
        "dashboard instead of copying them by hand.",
        [],
    ),
    (
        "Vela Talent",
        None,
        "live-access",
        K.QUESTION,
        P.NORMAL,
        S.PENDING,
        "Creator can't go LIVE: 'not eligible' message",
        "(Received by e-mail.) A new creator sees 'You are not eligible to go LIVE' although she "
        "has 2,400 followers.",
        [
            (
                "staff",
                False,
                "Could you tell us the creator's age on her account and whether she "
                "has any recent community-guideline strikes?",
            )
        ],
    ),
    (
        "Vela Talent",
        None,
        "campaigns",
        K.FEEDBACK,
        P.LOW,
        S.SOLVED,
        "Feedback on the spring campaign rules",
        "(Received by e-mail.) The spring campaign rules were hard to find; a one-page summary "
        "for creators would help.",
        [
            (
                "staff",
                False,
                "Thanks, we passed this to the campaigns team and added a summary "
                "page to the next campaign.",
            )
        ],
    ),
]

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


def _categories() -> dict[str, Category]:
    for position, (slug, name, description) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
    return {c.slug: c for c in Category.objects.all()}


def seed(options: dict, out: Callable[[str], None]) -> None:
    demo_sla.seed_standards(out)
    categories = _categories()
    staff = {u.email: u for u in User.objects.filter(is_staff=True)}
    agent = staff.get("intern@hub.example") or next(iter(staff.values()), None)
    manager = staff.get("manager@hub.example") or agent
    networks = {n.name: n for n in CreatorNetwork.objects.all()}
    people = {u.email: u for u in User.objects.filter(is_staff=False)}
    existing = set(Ticket.objects.values_list("network__name", "subject"))
    now = timezone.now()
    specs = []
    rows = DEMO_TICKETS + RECURRING_TICKETS
    for age, row in enumerate(rows):
        network, email, cat, kind, prio, status, subject, description, convo = row
        if network not in networks or (network, subject) in existing:
            continue
        requester = people.get(email) if email else None
        created = now - timedelta(days=len(rows) - age, hours=3)
        messages = []
        for step, (who, internal, body) in enumerate(convo, start=1):
            author = (agent if step % 2 else manager) if who == "staff" else requester
            messages.append(
                MessageSpec(
                    author_id=author.pk if author else None,
                    body=body,
                    internal=internal,
                    author_is_staff=who == "staff",
                    created_at=created + timedelta(hours=2 * step),
                )
            )
        specs.append(
            TicketSpec(
                network_id=networks[network].pk,
                requester_id=requester.pk if requester else None,
                subject=subject,
                description=description,
                created_at=created,
                category_id=categories[cat].pk if cat else None,
                kind=kind,
                priority=prio,
                status=status,
                assignee_id=agent.pk if agent and status != S.NEW else None,
                channel=Ticket.Channel.WEB if email else Ticket.Channel.EMAIL,
                messages=messages,
            )
        )
    created = tickets_bulk_create(specs=specs, with_history=True)
    if created:
        tag, _ = Tag.objects.get_or_create(name="escalated")
        for ticket in created:
            if ticket.priority in (P.HIGH, P.URGENT):
                ticket.tags.add(tag)
    out(f"Demo tickets ready ({len(created)} added, {len(rows)} in the set).")

    count = options.get("tickets") or 0
    if count:
        _bulk(count, categories, list(staff.values()), out)
    demo_sla.fill_due_times(out)
    demo_sla.seed_ratings(out)


def _bulk(count: int, categories: dict, staff: list, out) -> None:
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
