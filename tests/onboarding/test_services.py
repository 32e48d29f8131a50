import datetime as dt
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.signing import TimestampSigner
from django.utils import timezone

from core.cache import request_scope
from core.exceptions import ApplicationError, PermissionDeniedError
from core.periods import is_tip_time, iso_week_key, parse_month, previous_month
from hub.models import CreatorNetwork, Membership, User
from onboarding import services
from onboarding.models import Announcement, Delivery, Onboarding, OnboardingStep
from onboarding.models.announcements import audience_for_network_ids_q, audience_q
from onboarding.selectors import announcement_audience_networks, banner_announcements
from tests.hub.factories import MembershipFactory, NetworkFactory, RegionFactory
from tests.onboarding.factories import AnnouncementFactory, TipFactory

pytestmark = pytest.mark.django_db


# --- checklists -------------------------------------------------------------------


def test_a_new_network_gets_a_checklist_from_the_default_plan(plan):
    network = NetworkFactory()
    onboarding = Onboarding.objects.get(network=network)
    assert onboarding.plan == plan
    assert [s.title for s in onboarding.steps.order_by("order")] == [
        "Profile",
        "Kick-off",
        "Training",
    ]
    assert onboarding.steps.first().due_on == timezone.localdate() + timedelta(days=7)


def test_without_a_default_plan_no_checklist_is_started(db):
    assert services.onboarding_start(network=NetworkFactory()) is None


def test_network_member_ticks_network_steps_but_not_manager_steps(plan, member_a):
    onboarding = member_a.networks.get().onboarding
    network_step = onboarding.steps.get(title="Profile")
    manager_step = onboarding.steps.get(title="Kick-off")
    services.onboarding_step_set_done(step=network_step, user=member_a, done=True)
    network_step.refresh_from_db()
    assert network_step.done_at and network_step.done_by == member_a
    with pytest.raises(PermissionDeniedError):
        services.onboarding_step_set_done(step=manager_step, user=member_a, done=True)


def test_member_of_another_network_cannot_tick(plan, network_a, member_b):
    step = network_a.onboarding.steps.get(title="Profile")
    with pytest.raises(PermissionDeniedError):
        services.onboarding_step_set_done(step=step, user=member_b, done=True)


def test_ticking_every_step_completes_and_unticking_reopens(plan, network_a, manager):
    onboarding = network_a.onboarding
    for step in onboarding.steps.all():
        services.onboarding_step_set_done(step=step, user=manager, done=True)
    onboarding.refresh_from_db()
    assert onboarding.completed_at is not None
    services.onboarding_step_set_done(
        step=onboarding.steps.first(), user=manager, done=False
    )
    onboarding.refresh_from_db()
    assert onboarding.completed_at is None


def test_stalled_onboarding_reminds_its_manager_once(
    plan, managed_a, manager, settings, django_capture_on_commit_callbacks
):
    settings.HUB_ONBOARDING_STALL_DAYS = 7
    Onboarding.objects.filter(network=managed_a).update(
        last_progress_at=timezone.now() - timedelta(days=8)
    )
    fresh = NetworkFactory(manager=manager)  # progress today: not stalled
    assert fresh.onboarding.is_stalled is False
    with django_capture_on_commit_callbacks(execute=True):
        assert services.onboarding_remind_stalled() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.onboarding_remind_stalled() == 0
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert managed_a.name in mail.outbox[0].subject
    onboarding = Onboarding.objects.get(network=managed_a)
    assert onboarding.is_stalled and onboarding.stalled_reminded_at


def test_progress_clears_the_stall_reminder(plan, managed_a, manager):
    Onboarding.objects.filter(network=managed_a).update(
        last_progress_at=timezone.now() - timedelta(days=8),
        stalled_reminded_at=timezone.now(),
    )
    step = OnboardingStep.objects.filter(onboarding__network=managed_a).first()
    services.onboarding_step_set_done(step=step, user=manager, done=True)
    onboarding = Onboarding.objects.get(network=managed_a)
    assert onboarding.stalled_reminded_at is None and not onboarding.is_stalled


# --- invitations --------------------------------------------------------------------


def test_manager_invites_first_member_who_sets_a_password_and_gets_welcomed(
    network_a, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=manager, network=network_a, email="New@Agency.example", role="owner"
        )
    assert mail.outbox[0].to == ["new@agency.example"]
    token = re.search(r"/onboarding/invitations/([^/]+)/", mail.outbox[0].body)[1]
    assert services.invitation_from_token(token) == invitation
    with django_capture_on_commit_callbacks(execute=True):
        user = services.invitation_accept(
            token=token, password="a-long-good-passphrase", display_name="Nia"
        )
    assert user.check_password("a-long-good-passphrase")
    assert Membership.objects.get(user=user, network=network_a).role == "owner"
    assert "Welcome" in mail.outbox[1].subject
    with pytest.raises(services.InvitationError) as used:
        services.invitation_accept(token=token, password="a-long-good-passphrase")
    assert used.value.reason == "used"


def test_forged_invitation_links_are_refused(network_a, manager):
    invitation = services.invitation_create(
        actor=manager, network=network_a, email="late@agency.example"
    )
    other_salt = TimestampSigner(salt="somewhere.else").sign(str(invitation.pk))
    for token in (services.invitation_token(invitation) + "x", other_salt):
        with pytest.raises(services.InvitationError) as forged:
            services.invitation_from_token(token)
        assert forged.value.reason == "invalid"


def test_expired_invitation_link_is_refused(network_a, manager, settings, monkeypatch):
    invitation = services.invitation_create(
        actor=manager, network=network_a, email="late@agency.example"
    )
    token = services.invitation_token(invitation)
    settings.HUB_INVITATION_MAX_AGE_DAYS = 7
    real_time = __import__("time").time
    monkeypatch.setattr("time.time", lambda: real_time() + 8 * 24 * 3600)
    with pytest.raises(services.InvitationError) as expired:
        services.invitation_from_token(token)
    assert expired.value.reason == "expired"


def test_owner_invites_colleagues_but_plain_members_and_others_cannot(
    owner_a, member_a, member_b, network_a
):
    services.invitation_create(actor=owner_a, network=network_a, email="c@a.example")
    for outsider in (member_a, member_b):
        with pytest.raises(PermissionDeniedError):
            services.invitation_create(
                actor=outsider, network=network_a, email="d@a.example"
            )


def test_inviting_an_existing_member_is_refused(owner_a, member_a, network_a):
    with pytest.raises(ApplicationError):
        services.invitation_create(
            actor=owner_a, network=network_a, email=member_a.email
        )


def test_owner_removes_a_member_but_not_the_last_owner(owner_a, member_a, network_a):
    services.membership_remove(
        actor=owner_a, membership=Membership.objects.get(user=member_a)
    )
    assert not Membership.objects.filter(user=member_a).exists()
    with pytest.raises(ApplicationError):
        services.membership_remove(
            actor=owner_a, membership=Membership.objects.get(user=owner_a)
        )


def test_member_of_another_network_cannot_remove(owner_a, member_b, network_a):
    with pytest.raises(PermissionDeniedError):
        services.membership_remove(
            actor=member_b, membership=Membership.objects.get(user=owner_a)
        )


# --- announcements ----------------------------------------------------------------------


@pytest.fixture
def three_networks(db):
    anz = RegionFactory(code="anz", name="ANZ")
    sea = RegionFactory(code="sea", name="SEA")
    return {
        "anz_growth": NetworkFactory(region=anz, tier="growth"),
        "anz_premier": NetworkFactory(region=anz, tier="premier"),
        "sea_growth": NetworkFactory(region=sea, tier="growth"),
    }


def test_announcement_audience_by_region_tier_and_name(three_networks):
    n = three_networks
    everyone = AnnouncementFactory()
    anz = AnnouncementFactory(regions=[n["anz_growth"].region])
    anz_premier = AnnouncementFactory(
        tiers=",premier,", regions=[n["anz_growth"].region]
    )
    named = AnnouncementFactory(networks=[n["sea_growth"]])

    def audience(a):
        return set(announcement_audience_networks(a))

    assert audience(everyone) == set(n.values())
    assert audience(anz) == {n["anz_growth"], n["anz_premier"]}
    assert audience(anz_premier) == {n["anz_premier"]}
    assert audience(named) == {n["sea_growth"]}
    # events and brand assets spell the same rule from the other side (audience_q,
    # audience_for_network_ids_q): both agree with it, network by network
    for network in n.values():
        one = audience_q(
            Announcement,
            network_id=network.pk,
            region_id=network.region_id,
            tier=network.tier,
        )
        expected = {
            a for a in (everyone, anz, anz_premier, named) if network in audience(a)
        }
        assert set(Announcement.objects.filter(one)) == expected
        joined = audience_for_network_ids_q(Announcement, [network.pk])
        assert set(Announcement.objects.filter(joined)) == expected


def test_the_audience_is_decided_when_published(three_networks):
    # given an announcement for the ANZ region, published
    n = three_networks
    anz = n["anz_growth"].region
    announcement = AnnouncementFactory(regions=[anz])
    services.announcement_publish(announcement=announcement)
    assert set(announcement.audience.all()) == {n["anz_growth"], n["anz_premier"]}
    # when a network moves into the region and a new one joins it afterwards
    moved = n["sea_growth"]
    moved.region = anz
    moved.save()
    joined = NetworkFactory(region=anz)
    # then who was told does not change: banners, lists and digests read the same set
    addressed = set(Announcement.objects.for_network_ids([moved.pk, joined.pk]))
    assert addressed == set()
    assert set(Announcement.objects.for_network_ids([n["anz_premier"].pk])) == {
        announcement
    }


def test_publishing_emails_the_audience_exactly_once(
    three_networks, django_capture_on_commit_callbacks
):
    n = three_networks
    inside = MembershipFactory(network=n["anz_premier"]).user
    MembershipFactory(network=n["sea_growth"])
    announcement = AnnouncementFactory(title="Gifting policy", tiers=",premier,")
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_publish(announcement=announcement)
    with django_capture_on_commit_callbacks(execute=True):
        services.announcement_publish(announcement=announcement)
    services.announcement_fan_out(announcement_id=announcement.pk)  # a re-run
    assert [m.to for m in mail.outbox] == [[inside.email]]
    assert "Gifting policy" in mail.outbox[0].subject
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_scheduled_announcements_publish_when_due(db):
    due = AnnouncementFactory(publish_at=timezone.now() - timedelta(minutes=1))
    later = AnnouncementFactory(publish_at=timezone.now() + timedelta(hours=1))
    draft = AnnouncementFactory(publish_at=None)
    assert services.announcements_publish_due() == 1
    due.refresh_from_db(), later.refresh_from_db(), draft.refresh_from_db()
    assert due.published_at and not later.published_at and not draft.published_at


def test_banner_shows_until_acknowledged(member_a, member_b, network_a):
    announcement = AnnouncementFactory(
        published_at=timezone.now(), networks=[network_a]
    )
    assert banner_announcements(user=member_a) == [announcement]
    assert banner_announcements(user=member_b) == []
    services.announcement_acknowledge(announcement=announcement, user=member_a)
    services.announcement_acknowledge(announcement=announcement, user=member_a)
    assert banner_announcements(user=member_a) == []


def test_banners_match_the_audience_rule_network_by_network(three_networks):
    # given announcements for each kind of audience, one drafted, one acknowledged
    n = three_networks
    now = timezone.now()
    everyone = AnnouncementFactory(published_at=now - timedelta(days=6))
    anz = AnnouncementFactory(
        published_at=now - timedelta(days=5), regions=[n["anz_growth"].region]
    )
    anz_premier = AnnouncementFactory(
        tiers=",premier,", published_at=now, regions=[n["anz_growth"].region]
    )
    growth = AnnouncementFactory(tiers=",growth,", published_at=now - timedelta(days=3))
    named = AnnouncementFactory(
        published_at=now - timedelta(days=2), networks=[n["sea_growth"]]
    )
    named_or_premier = AnnouncementFactory(
        tiers=",premier,",
        published_at=now - timedelta(days=1),
        networks=[n["anz_growth"]],
    )
    AnnouncementFactory(published_at=None)  # a draft
    AnnouncementFactory(published_at=now + timedelta(hours=1))  # not yet
    seen = AnnouncementFactory(published_at=now - timedelta(days=4))
    people = {key: MembershipFactory(network=net).user for key, net in n.items()}
    both = MembershipFactory(network=n["sea_growth"]).user
    MembershipFactory(user=both, network=n["anz_premier"])
    people["sea_growth+anz_premier"] = both
    for user in people.values():
        services.announcement_acknowledge(announcement=seen, user=user)

    for key, user in people.items():
        # when
        banners = banner_announcements(user=User.objects.get(pk=user.pk), limit=10)
        # then: the SQL agrees with the queryset spelling, newest first
        expected = list(
            Announcement.objects.published()
            .for_network_ids({m.network_id for m in user.memberships.all()})
            .exclude(pk=seen.pk)
            .order_by("-published_at")
        )
        assert banners == expected, key
    assert banner_announcements(user=User.objects.get(pk=people["anz_premier"].pk)) == [
        anz_premier,
        named_or_premier,
        anz,
    ]
    assert set(banner_announcements(user=people["sea_growth"], limit=10)) == {
        everyone,
        growth,
        named,
    }


def test_banners_cost_one_query_per_request_until_acknowledged(
    member_a, network_a, django_assert_num_queries
):
    first, second = (
        AnnouncementFactory(
            published_at=timezone.now() - timedelta(hours=h), networks=[network_a]
        )
        for h in (1, 2)
    )
    user = User.objects.get(pk=member_a.pk)
    # one request (the middleware's scope): the network ids, then the announcements
    with request_scope(), django_assert_num_queries(2):
        assert banner_announcements(user=user, limit=5) == [first, second]
        assert banner_announcements(user=user, limit=1) == [first]
        assert banner_announcements(user=user, limit=10) == [first, second]
    services.announcement_acknowledge(announcement=first, user=user)
    assert banner_announcements(user=user) == [second]


# --- tips and digests ----------------------------------------------------------------


def test_periods_are_computed_in_utc_and_iso_weeks():
    assert previous_month(dt.datetime(2026, 1, 1, 6, tzinfo=dt.UTC)).key == "2025-12"
    period = parse_month("2026-02")
    assert period.end - period.start == timedelta(days=28)
    assert iso_week_key(dt.date(2026, 1, 1)) == "2026-W01"
    tuesday_10_sydney = dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC)
    assert is_tip_time(tuesday_10_sydney, "Australia/Sydney", weekday=1, hour=10)
    assert not is_tip_time(tuesday_10_sydney, "UTC", weekday=1, hour=10)
    with pytest.raises(ValueError):
        parse_month("2026-13")


def test_weekly_tip_goes_to_members_at_local_tip_time_one_new_tip_a_week(
    member_a, member_b, network_b, settings
):
    settings.HUB_TIPS_WEEKDAY, settings.HUB_TIPS_HOUR = 1, 10
    network_b.time_zone = "America/Los_Angeles"
    network_b.save()
    first, second = TipFactory(order=1), TipFactory(order=2)
    TipFactory(order=3, active=False)
    tuesday_10_sydney = dt.datetime(2026, 11, 23, 23, 5, tzinfo=dt.UTC)

    services.tips_schedule(now=tuesday_10_sydney)
    services.tips_schedule(now=tuesday_10_sydney)  # the same hour again
    assert [m.to for m in mail.outbox] == [[member_a.email]]
    assert first.title in mail.outbox[0].subject
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    services.tips_schedule(now=tuesday_10_sydney + timedelta(days=7))
    assert second.title in mail.outbox[1].subject
    services.tips_schedule(now=tuesday_10_sydney + timedelta(days=14))
    assert len(mail.outbox) == 2  # no tips left; the inactive one is never sent
    assert Delivery.objects.filter(kind="tip", status="skipped").count() == 1


def test_unsubscribed_members_get_no_tips(member_a):
    TipFactory()
    services.unsubscribe(user_id=member_a.pk, topic="tips")
    services.tips_schedule(only_due_now=False)
    assert mail.outbox == []


def test_digest_runs_once_per_member_and_period(member_a, member_b, network_a):
    AnnouncementFactory(
        title="October news",
        published_at=dt.datetime(2026, 10, 5, tzinfo=dt.UTC),
        networks=[network_a],
    )
    period = parse_month("2026-10")
    services.digest_schedule(period=period)
    services.digest_schedule(period=period)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member_a.email, member_b.email]
    )
    to_a = next(m for m in mail.outbox if m.to == [member_a.email])
    to_b = next(m for m in mail.outbox if m.to == [member_b.email])
    assert "October news" in to_a.body and "October news" not in to_b.body
    assert "October news" in to_a.alternatives[0][0]
    assert "List-Unsubscribe" in to_a.extra_headers


def test_digest_opt_out_is_respected_even_after_fan_out(member_a):
    services.preferences_update(user=member_a, tips=True, digest=False)
    services.digest_schedule(period=parse_month("2026-10"))
    assert mail.outbox == []
    assert User.objects.get(pk=member_a.pk).email_preference.tips is True


def test_a_network_added_in_the_admin_gets_its_checklist_and_an_audit_entry(
    plan, client_as, manager
):
    from audit.models import AuditEntry

    region = RegionFactory()
    response = client_as(manager).post(
        "/admin/hub/creatornetwork/add/",
        {
            "name": "Lagoon Live",
            "slug": "lagoon-live",
            "region": region.pk,
            "tier": "growth",
            "status": "onboarding",
            "time_zone": "Asia/Jakarta",
            "default_language": "id",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    network = CreatorNetwork.objects.get(slug="lagoon-live")
    assert Onboarding.objects.get(network=network).plan == plan
    entry = AuditEntry.objects.get(action="network.create")
    assert entry.actor_id == manager.pk and entry.object_id == str(network.pk)


def test_network_create_refuses_a_saved_network(db):
    with pytest.raises(ValueError):
        services.network_create(network=NetworkFactory())
