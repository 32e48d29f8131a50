"""Demo feature tests (``seed_demo``): one running with the two demo networks
Northstar Media and Lumen Live and a few weeks of check-ins, one recruiting (one
network invited, one applied) for a manager to take from recruiting to closed."""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.periods import Week
from faq.models import Article
from hub.models import CreatorNetwork, Membership, User
from programmes.models import Application, CheckIn, FeatureTest

GUIDE_TITLE = "Guide: multi-guest LIVE rooms (beta)"  # faq/demo_content.py
RUNNING = "Multi-guest LIVE rooms"
RECRUITING = "Gift goals 2.0"
CHECKINS = [
    # weeks ago, network slug, rating, works, issues, comment
    (2, "northstar-media", 4, True, "", "Creators love co-hosting; setup is quick."),
    (2, "lumen-live", 3, False, "Guest audio drops after 20 minutes.", ""),
    (1, "northstar-media", 4, True, "", "Gift split screen is clear."),
    (1, "lumen-live", 4, True, "", "Audio fix in the new build works."),
]


@transaction.atomic
def seed(options: dict, out: Callable[[str], None]) -> None:
    manager = User.objects.filter(email="manager@hub.example").first()
    networks = {
        n.slug: n
        for n in CreatorNetwork.objects.filter(
            slug__in=["northstar-media", "lumen-live"]
        )
    }
    if manager is None or len(networks) < 2:
        out("Programmes: no demo manager or networks; skipped.")
        return
    if FeatureTest.objects.filter(name__in=[RUNNING, RECRUITING]).exists():
        out("Programmes: demo feature tests already there.")
        return
    today = timezone.localdate()
    started = timezone.now() - timedelta(weeks=2)
    running = FeatureTest.objects.create(
        name=RUNNING,
        description="Up to four creators in one LIVE, with gifts split between them.",
        guide=Article.objects.filter(title=GUIDE_TITLE).first(),
        start_date=today - timedelta(weeks=2),
        end_date=today + timedelta(weeks=4),
        capacity=4,
        status=FeatureTest.Status.RUNNING,
        owner=manager,
        started_at=started,
        guide_drafted_at=started,
    )
    for network in networks.values():
        Application.objects.create(
            feature_test=running,
            network=network,
            status=Application.Status.ACCEPTED,
            invited=True,
            decided_at=started,
            decided_by=manager,
        )
    this_week = Week.of(today)
    for weeks_ago, slug, rating, works, issues, comment in CHECKINS:
        member = (
            Membership.objects.filter(network=networks[slug]).order_by("pk").first()
        )
        CheckIn.objects.create(
            feature_test=running,
            network=networks[slug],
            week=str(this_week.shift(-weeks_ago)),
            rating=rating,
            works=works,
            issues=issues,
            comment=comment,
            submitted_by=member.user if member else None,
        )
    recruiting = FeatureTest.objects.create(
        name=RECRUITING,
        description="Creators set a gift goal on screen; viewers see progress live.",
        start_date=today + timedelta(days=7),
        end_date=today + timedelta(weeks=6),
        capacity=2,
        owner=manager,
    )
    Application.objects.create(
        feature_test=recruiting, network=networks["northstar-media"], invited=True
    )
    Application.objects.create(feature_test=recruiting, network=networks["lumen-live"])
    out(
        f"Programmes: “{RUNNING}” running with Northstar Media and Lumen Live, "
        f"“{RECRUITING}” recruiting."
    )
