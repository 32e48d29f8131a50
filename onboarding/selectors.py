"""Reads of the onboarding app, with the caller's permissions applied."""

import datetime as dt
from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from core import cache
from core.periods import is_tip_time, iso_week_key, local_now
from hub import permissions as access
from hub.models import CreatorNetwork, Membership, User
from onboarding.models import (
    Announcement,
    AnnouncementAcknowledgement,
    EmailPreference,
    Onboarding,
    OnboardingStep,
    Tip,
)


def onboarding_list(*, user):
    """Checklists with progress counts: staff see every network, members their own."""
    qs = Onboarding.objects.select_related(
        "network", "network__region", "network__manager", "plan"
    ).annotate(
        total_steps=Count("steps"),
        done_steps=Count("steps", filter=Q(steps__done_at__isnull=False)),
    )
    if not access.is_staff_member(user):
        qs = qs.filter(network_id__in=access.network_ids(user))
    return qs.order_by("network__name")


def onboarding_for_network(*, user, slug: str) -> Onboarding:
    """A network's checklist with its steps; another network's answers 404."""
    onboarding = (
        onboarding_list(user=user)
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=OnboardingStep.objects.select_related("done_by").order_by(
                    "order", "id"
                ),
            )
        )
        .filter(network__slug=slug)
        .first()
    )
    if onboarding is None:
        raise Http404
    return onboarding


def onboarding_progress(*, user, network: CreatorNetwork) -> Onboarding | None:
    """One network's checklist with ``total_steps`` and ``done_steps`` (one query),
    or None when it has none or this person may not see it."""
    return onboarding_list(user=user).filter(network=network).first()


def checklist_rows(*, user, onboarding: Onboarding) -> list[dict]:
    """The checklist page's rows: each step, whether this person may tick it and its
    guide link, blank when the knowledge base has no published article there (a
    checklist copied before the article was archived must not link to a 404)."""
    from faq.selectors import missing_article_links
    from onboarding.services.checklists import can_tick

    steps = list(onboarding.steps.all())
    missing = missing_article_links({step.guide_url for step in steps})
    return [
        {
            "step": step,
            "can_tick": can_tick(user, step),
            "guide_url": "" if step.guide_url in missing else step.guide_url,
        }
        for step in steps
    ]


def step_for_user(*, user, step_id: int) -> OnboardingStep:
    step = (
        OnboardingStep.objects.select_related("onboarding__network")
        .filter(pk=step_id)
        .first()
    )
    if step is None or not access.can_view_network(user, step.onboarding.network):
        raise Http404
    return step


def network_members(*, network: CreatorNetwork):
    return network.memberships.select_related("user").order_by("role", "user__email")


def pending_invitations(*, network: CreatorNetwork):
    return network.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("-created_at", "-id")


def pending_invitation(*, network: CreatorNetwork, invitation_id: int):
    """One of this network's pending invitations (the members page's actions)."""
    invitation = (
        pending_invitations(network=network)
        .select_related("network")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def member_of_network(*, network: CreatorNetwork, membership_id: int) -> Membership:
    """One membership of this network (what the members page and the API remove)."""
    return get_object_or_404(
        Membership.objects.select_related("network", "user"),
        pk=membership_id,
        network=network,
    )


def account_for_invitation(invitation) -> User | None:
    """The account already using the invited address (any case), if there is one."""
    return User.objects.filter(email__iexact=invitation.email).first()


def network_for_members_page(*, user, slug: str) -> CreatorNetwork:
    network = access.visible_networks(user).filter(slug=slug).first()
    if network is None or not access.can_manage_members(user, network):
        raise Http404
    return network


def stalled_onboardings():
    """Checklists not completed and without progress for
    ``HUB_ONBOARDING_STALL_DAYS`` (the same rule as ``Onboarding.is_stalled``)."""
    return Onboarding.objects.filter(
        completed_at__isnull=True, last_progress_at__lt=Onboarding.stall_cutoff()
    )


def onboarding_progress_summary(*, network=None, region=None) -> dict:
    """Figures for dashboards, optionally for one network or region: checklists in
    progress, completed and stalled, and the share of steps done over the ones in
    progress. Two aggregate queries whatever the number of networks."""
    onboardings = Onboarding.objects.all()
    if network is not None:
        onboardings = onboardings.filter(network=network)
    elif region is not None:
        onboardings = onboardings.filter(network__region=region)
    open_ = Q(completed_at__isnull=True)
    figures = onboardings.aggregate(
        in_progress=Count("id", filter=open_),
        completed=Count("id", filter=~open_),
        stalled=Count(
            "id", filter=open_ & Q(last_progress_at__lt=Onboarding.stall_cutoff())
        ),
    )
    steps = OnboardingStep.objects.filter(
        onboarding__in=onboardings.filter(open_)
    ).aggregate(
        steps_total=Count("id"),
        steps_done=Count("id", filter=Q(done_at__isnull=False)),
    )
    total = steps["steps_total"]
    pct = round(steps["steps_done"] * 100 / total) if total else None
    return {**figures, **steps, "steps_done_pct": pct}


# --- announcements -------------------------------------------------------------


def announcement_audience_networks(announcement: Announcement):
    """The networks an announcement's targeting selects, now: nothing chosen =
    everyone; named networks are always included; regions and tiers, when chosen,
    select the networks that match all of them. Publishing stores the answer
    (``Announcement.audience``); events and brand assets follow the same rule
    (``audience_q``; tests/onboarding/test_services.py checks the two agree)."""
    named = list(announcement.networks.values_list("pk", flat=True))
    regions = list(announcement.regions.values_list("pk", flat=True))
    tiers = announcement.tier_list
    if not (named or regions or tiers):
        return CreatorNetwork.objects.all()
    q = Q(pk__in=named)
    if regions or tiers:
        segment = Q()
        if regions:
            segment &= Q(region_id__in=regions)
        if tiers:
            segment &= Q(tier__in=tiers)
        q |= segment
    return CreatorNetwork.objects.filter(q)


# The most banners a page shows (the home page's panel; the banner strip shows 3):
# fetched once per request, each caller gets its slice.
BANNERS_FETCHED = 5


def banner_announcements(*, user, limit: int = 3) -> list:
    """Published announcements for this person's networks not yet acknowledged.

    One query per request on the audience stored at publish time
    (``Announcement.audience``), memoised with ``core.cache.request_memo``
    (``announcement_acknowledge`` forgets it); the person's network ids are
    usually memoised already (``hub.permissions.network_ids``).
    """
    if not (user and user.is_authenticated) or access.is_staff_member(user):
        return []
    network_ids = access.network_ids(user)
    if not network_ids:
        return []

    def fetch(count: int) -> tuple[int, list]:
        acknowledged = AnnouncementAcknowledgement.objects.filter(
            announcement=OuterRef("pk"), user=user
        )
        rows = list(
            Announcement.objects.published()
            .for_network_ids(network_ids)
            .filter(~Exists(acknowledged))
            .order_by("-published_at")
            .only("id", "title", "body", "kind", "published_at")[:count]
        )
        return count, rows

    fetched, rows = cache.request_memo(
        "banners", user, lambda: fetch(max(limit, BANNERS_FETCHED))
    )
    if limit > fetched and len(rows) == fetched:  # more asked than a full fetch
        fetched, rows = fetch(limit)
        cache.request_memo_set("banners", user, (fetched, rows))
    return rows[:limit]


def announcement_list(*, user):
    """Published announcements addressed to the user's networks (staff: all),
    newest first, each with ``acknowledged`` (by this person)."""
    qs = Announcement.objects.published()
    if not access.is_staff_member(user):
        qs = qs.for_network_ids(access.network_ids(user))
    acks = AnnouncementAcknowledgement.objects.filter(
        announcement=OuterRef("pk"), user=user
    )
    return qs.annotate(acknowledged=Exists(acks)).order_by("-published_at", "-id")


def announcement_for_user(*, user, announcement_id: int) -> Announcement:
    """A published announcement addressed to one of the user's networks, else 404."""
    announcement = announcement_list(user=user).filter(pk=announcement_id).first()
    if announcement is None:
        raise Http404
    return announcement


def acknowledgement_report(*, announcement: Announcement):
    """Every audience member with whether (and when) they acknowledged, by network:
    the audience stored at publish time (``Announcement.audience``), the one the
    banners use, not the targeting evaluated again now."""
    acks = AnnouncementAcknowledgement.objects.filter(
        announcement=announcement, user=OuterRef("user_id")
    )
    return (
        Membership.objects.filter(network__in=announcement.audience.all())
        .select_related("network", "user")
        .annotate(acknowledged=Exists(acks))
        .order_by("network__name", "user__email")
    )


def acknowledgement_page(*, announcement_id: int) -> dict:
    """An announcement's acknowledgement report as one read: the announcement,
    its audience grouped by network (each with how many acknowledged) and the
    totals (a managers' page: any announcement, 404 if there is none)."""
    announcement = get_object_or_404(Announcement, pk=announcement_id)
    rows = list(acknowledgement_report(announcement=announcement))
    networks = []
    for network, group in groupby(rows, key=lambda m: m.network):
        members = list(group)
        networks.append(
            {
                "network": network,
                "members": members,
                "acknowledged": sum(1 for m in members if m.acknowledged),
            }
        )
    return {
        "announcement": announcement,
        "networks": networks,
        "total": len(rows),
        "acknowledged": sum(1 for m in rows if m.acknowledged),
    }


# --- tips and digests ------------------------------------------------------------


def _opted_out(topic: str):
    return EmailPreference.objects.filter(user=OuterRef("user_id"), **{topic: False})


def digest_recipients():
    """Memberships that get a digest: active people of networks not offboarded."""
    return (
        Membership.objects.filter(user__is_active=True)
        .exclude(network__status=CreatorNetwork.Status.OFFBOARDED)
        .filter(~Exists(_opted_out("digest")))
        .order_by("network_id", "user_id")
    )


def tip_recipients(
    *, now: dt.datetime, only_due_now: bool, weekday: int, hour: int
) -> list[tuple[int, int, str]]:
    """(user id, network id, ISO-week key) for members due a tip now.

    Networks are grouped by time zone, so the check costs one query per call.
    """
    if not Tip.objects.filter(active=True).exists():
        return []
    zones = (
        CreatorNetwork.objects.exclude(status=CreatorNetwork.Status.OFFBOARDED)
        .values_list("time_zone", flat=True)
        .distinct()
    )
    due = {
        zone: iso_week_key(local_now(now, zone).date())
        for zone in zones
        if not only_due_now or is_tip_time(now, zone, weekday=weekday, hour=hour)
    }
    if not due:
        return []
    rows = (
        Membership.objects.filter(user__is_active=True, network__time_zone__in=due)
        .exclude(network__status=CreatorNetwork.Status.OFFBOARDED)
        .filter(~Exists(_opted_out("tips")))
        .order_by("user_id", "network_id")
        .values_list("user_id", "network_id", "network__time_zone")
    )
    return [(user_id, network_id, due[zone]) for user_id, network_id, zone in rows]


def email_preference(*, user) -> EmailPreference:
    return EmailPreference.objects.filter(user=user).first() or EmailPreference(
        user=user
    )
