"""Demo tickets: the hand-written set (``tickets.demo_conversations``) and the
recurring questions (``tickets.demo_recurring``), with the SLA standards.

``seed(options, out)``: idempotent categories and hand-written tickets; with
``--tickets N`` it adds N generated tickets in bulk (``tickets.demo_generated``).
"""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from hub.models import CreatorNetwork, User
from tickets import demo_sla
from tickets.demo_conversations import DEMO_TICKETS
from tickets.demo_generated import generated_tickets_add
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

S, P = Ticket.Status, Ticket.Priority


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
        generated_tickets_add(count, categories, list(staff.values()), out)
    demo_sla.fill_due_times(out)
    demo_sla.seed_ratings(out)
