"""Demo insights: recurring-question groups from the demo tickets and a few items on
the product feedback board. Running it twice changes nothing."""

from collections.abc import Callable

from hub.models import User
from insights import services
from insights.models import FeedbackItem, ProductArea
from tickets.models import Ticket

AREAS = ["LIVE gifting", "Agency backstage", "Payouts", "Analytics"]
ITEMS = [
    ("Export creator performance as CSV from backstage", "Analytics", "relayed"),
    ("Schedule LIVE battles in advance", "LIVE gifting", "new"),
    ("Payout notifications by e-mail", "Payouts", "planned"),
]


def seed(options: dict, out: Callable[[str], None]) -> None:
    manager = User.objects.filter(email="manager@hub.example").first()
    if manager is None:
        manager = User.objects.filter(is_staff=True).order_by("pk").first()
    if manager is None:
        out("insights: no staff user, skipped")
        return
    areas = {
        name: services.product_area_get_or_create(name=name, actor=manager)
        for name in AREAS
    }
    feedback = list(
        Ticket.objects.filter(
            kind__in=[Ticket.Kind.FEEDBACK, Ticket.Kind.FEATURE_REQUEST]
        )
        .order_by("created_at", "id")
        .values_list("reference", flat=True)[: len(ITEMS) * 2]
    )
    added = 0
    for i, (title, area, status) in enumerate(ITEMS):
        if FeedbackItem.objects.filter(title=title).exists():
            continue
        item = services.feedback_item_create(
            actor=manager,
            title=title,
            area=areas[area],
            references=feedback[2 * i : 2 * i + 2],
        )
        if status != FeedbackItem.Status.NEW:
            item.status = status  # demo history, no e-mails to demo networks
            item.save(update_fields=["status"])
        added += 1
    if options.get("tickets"):
        # bulk volume (benchmarks): embedding thousands of tickets is the nightly
        # job's work, measured on its own by benchmarks/recurring.py
        out("Insights ready (recurring questions left to the nightly job).")
        return
    groups = services.recurring_groups_compute()
    gaps = services.search_gaps_compute()
    out(
        f"Insights ready ({len(groups)} recurring questions, {len(gaps)} search gaps, "
        f"{added} feedback items added, {ProductArea.objects.count()} product areas)."
    )
