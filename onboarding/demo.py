"""Demo onboarding: a default SOP, checklists with progress, tips, announcements.

``--members N`` ensures N benchmark network members (``bench-member-00001@…``)
spread across the networks, in bulk (seconds for 10,000).
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from faq.demo_content import (
    GUIDE_AGENCY_AGREEMENT,
    GUIDE_LIVE_SAFETY,
    GUIDE_NETWORK_PROFILE,
    GUIDE_RECRUITING,
    article_path,
)
from hub.demo import DEMO_PASSWORD
from hub.models import CreatorNetwork, Membership, User
from onboarding.models import (
    Announcement,
    AnnouncementAcknowledgement,
    Onboarding,
    OnboardingPlan,
    OnboardingStep,
    PlanStep,
    Tip,
)
from onboarding.services import announcement_audience_decide, onboarding_start

PLAN_STEPS = [
    # title, side, due offset (days), guide link (a demo KB article), description
    (
        "Kick-off call with your agency manager",
        "manager",
        3,
        "",
        "Agree goals, contacts and the first month's plan.",
    ),
    (
        "Complete the network profile",
        "network",
        5,
        article_path(GUIDE_NETWORK_PROFILE),
        "Legal name, payout details, time zone and main contact.",
    ),
    (
        "Invite your team to the hub",
        "network",
        7,
        "",
        "Owners invite colleagues from the network's people page.",
    ),
    (
        "Sign the agency agreement",
        "network",
        7,
        article_path(GUIDE_AGENCY_AGREEMENT),
        "Read and sign the LIVE agency agreement.",
    ),
    (
        "Verify backstage access",
        "manager",
        10,
        "",
        "The manager confirms the network's backstage permissions.",
    ),
    (
        "Connect your first 10 creators",
        "network",
        14,
        article_path(GUIDE_RECRUITING),
        "Send binding invitations and track acceptance.",
    ),
    (
        "Complete LIVE safety training",
        "network",
        14,
        article_path(GUIDE_LIVE_SAFETY),
        "Everyone who manages creators takes the safety course.",
    ),
    (
        "First performance review",
        "manager",
        30,
        "",
        "Review live hours, diamonds and new creators together.",
    ),
]

TIPS = [
    (
        "Search before you ask",
        "The knowledge base answers most questions in seconds.\n\nType a few words at /faq/ — the same search suggests articles while you write a ticket.",
    ),
    (
        "Give every ticket one topic",
        "One question per ticket gets you a faster answer and keeps the history clear.",
    ),
    (
        "Attach screenshots",
        "A screenshot of the error (with the time visible) saves a round trip.",
    ),
    (
        "Plan lives around peak hours",
        "Your creators' audience peaks in the evening local time; schedule key lives then.",
    ),
    (
        "Use campaign training materials",
        "Each campaign has guides and files; share them with creators before it goes live.",
    ),
    (
        "Watch your onboarding checklist",
        "Ticking steps as you go tells your manager where you need help.",
    ),
    (
        "Reply from your e-mail",
        "Ticket e-mails link straight to the conversation; reply there to keep it in one place.",
    ),
    (
        "Keep creator contacts current",
        "Out-of-date contacts are the first cause of missed campaign invitations.",
    ),
    (
        "Review last month's digest",
        "The monthly digest sums up tickets, new guides and campaign results.",
    ),
    (
        "Report product bugs with steps",
        "Steps to reproduce, app version and device model get bugs fixed faster.",
    ),
    (
        "Celebrate milestones",
        "Creators who hit milestones on LIVE respond well to a shout-out from their agency.",
    ),
    (
        "Invite the right colleagues",
        "Owners can invite colleagues; give each person their own account.",
    ),
]

ANNOUNCEMENTS = [
    (
        "New LIVE gifting policy",
        "policy",
        "From next month, gifting rules change for creators under 18 months on the platform.\n\nRead the summary and share it with your creators.",
    ),
    (
        "Faster ticket answers",
        "product",
        "Tickets now suggest knowledge-base articles as you type the subject.",
    ),
]


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    plan, created = OnboardingPlan.objects.get_or_create(
        name="Standard network onboarding",
        defaults={"is_default": True, "description": "The SOP for every new network."},
    )
    if created:
        PlanStep.objects.bulk_create(
            PlanStep(
                plan=plan,
                order=i,
                title=title,
                owner_side=side,
                due_offset_days=days,
                guide_url=guide,
                description=description,
            )
            for i, (title, side, days, guide, description) in enumerate(PLAN_STEPS, 1)
        )
    _repair_guide_links(plan)
    demo = CreatorNetwork.objects.exclude(slug__startswith="bench-network-")
    progress = {"northstar-media": 6, "lumen-live": 3, "harbour-creators": 1}
    manager = User.objects.filter(email="manager@hub.example").first()
    for network in demo:
        if Onboarding.objects.filter(network=network).exists():
            continue
        onboarding = onboarding_start(network=network, plan=plan)
        done = progress.get(network.slug, 0)
        now = timezone.now()
        for step in onboarding.steps.order_by("order")[:done]:
            step.done_at, step.done_by = now - timedelta(days=10), manager
            step.save(update_fields=["done_at", "done_by"])
        if network.slug == "harbour-creators":  # a stalled one to look at
            Onboarding.objects.filter(pk=onboarding.pk).update(
                started_at=now - timedelta(days=20),
                last_progress_at=now - timedelta(days=12),
            )
    for order, (title, body) in enumerate(TIPS, 1):
        Tip.objects.get_or_create(order=order, defaults={"title": title, "body": body})
    for title, kind, body in ANNOUNCEMENTS:
        announcement, created = Announcement.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "body": body,
                "publish_at": timezone.now() - timedelta(days=3),
                "published_at": timezone.now() - timedelta(days=3),
                "created_by": manager,
            },
        )
        if created:  # published three days ago, to every network (no e-mails now)
            announcement_audience_decide(announcement=announcement)
        if created and kind == "policy":
            owner = User.objects.filter(email="owner@northstar.example").first()
            if owner:
                AnnouncementAcknowledgement.objects.create(
                    announcement=announcement, user=owner
                )
    out(
        f"Onboarding: plan with {plan.steps.count()} steps, "
        f"{Onboarding.objects.count()} checklists, {Tip.objects.count()} tips, "
        f"{Announcement.objects.count()} announcements."
    )
    members = options.get("members") or 0
    if members:
        _bulk_members(members, out)


def _repair_guide_links(plan: OnboardingPlan) -> None:
    """Databases seeded before the demo guides existed linked steps to 404s: point
    the demo plan's steps and their checklist copies at the demo articles."""
    for title, _side, _days, guide, _description in PLAN_STEPS:
        PlanStep.objects.filter(plan=plan, title=title).exclude(guide_url=guide).update(
            guide_url=guide
        )
        OnboardingStep.objects.filter(onboarding__plan=plan, title=title).exclude(
            guide_url=guide
        ).update(guide_url=guide)


def _bulk_members(count: int, out: Callable[[str], None]) -> None:
    """Ensure ``count`` benchmark members, spread round-robin across the networks."""
    networks = list(
        CreatorNetwork.objects.filter(slug__startswith="bench-network-").values_list(
            "pk", flat=True
        )
    ) or list(CreatorNetwork.objects.values_list("pk", flat=True))
    emails = [f"bench-member-{i:05d}@bench.example" for i in range(1, count + 1)]
    existing = set(
        User.objects.filter(email__startswith="bench-member-").values_list(
            "email", flat=True
        )
    )
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by all
    User.objects.bulk_create(
        (
            User(email=email, password=password, display_name=f"Bench {i:05d}")
            for i, email in enumerate(emails, 1)
            if email not in existing
        ),
        batch_size=1000,
    )
    ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    Membership.objects.bulk_create(
        (
            Membership(user_id=ids[email], network_id=networks[i % len(networks)])
            for i, email in enumerate(emails)
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    out(f"Onboarding: {count} benchmark members across {len(networks)} networks.")
