import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hub.models import Membership
from onboarding import services
from onboarding.messages import unsubscribe_token
from onboarding.models import EmailPreference, OnboardingStep
from tests.hub.factories import NetworkFactory, RegionFactory
from tests.onboarding.factories import AnnouncementFactory, TipFactory

pytestmark = pytest.mark.django_db


def _step(network, title):
    return OnboardingStep.objects.get(onboarding__network=network, title=title)


# --- checklist pages -------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, plan, network_a):
    for url in (
        reverse("onboarding:index"),
        reverse("onboarding:detail", args=[network_a.slug]),
        reverse("onboarding:preferences"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_member_sees_own_checklist_and_not_another_networks(
    client_as, plan, member_a, network_a, network_b
):
    browser = client_as(member_a)
    response = browser.get(reverse("onboarding:index"))
    assert response.url == reverse("onboarding:detail", args=[network_a.slug])
    page = browser.get(response.url)
    assert page.status_code == 200 and b"Profile" in page.content
    assert (
        browser.get(reverse("onboarding:detail", args=[network_b.slug])).status_code
        == 404
    )


def test_member_ticks_own_step_by_post_only(client_as, plan, member_a, network_a):
    browser = client_as(member_a)
    step = _step(network_a, "Profile")
    url = reverse("onboarding:step_toggle", args=[step.pk])
    assert browser.get(url).status_code == 405
    browser.post(url, {"done": "1"})
    step.refresh_from_db()
    assert step.done_by == member_a


def test_member_cannot_tick_manager_step_or_another_networks(
    client_as, plan, member_a, network_a, network_b
):
    browser = client_as(member_a)
    manager_step = _step(network_a, "Kick-off")
    browser.post(
        reverse("onboarding:step_toggle", args=[manager_step.pk]), {"done": "1"}
    )
    manager_step.refresh_from_db()
    assert manager_step.done_at is None
    other = _step(network_b, "Profile")
    response = browser.post(
        reverse("onboarding:step_toggle", args=[other.pk]), {"done": "1"}
    )
    assert response.status_code == 404


def test_manager_sees_progress_of_their_networks(client_as, plan, manager):
    mine = NetworkFactory(name="Mine Media", manager=manager)
    NetworkFactory(name="Someone Elses")
    services.onboarding_step_set_done(
        step=mine.onboarding.steps.first(), user=manager, done=True
    )
    response = client_as(manager).get(reverse("onboarding:index"))
    assert (
        b"Mine Media" in response.content and b"Someone Elses" not in response.content
    )
    assert b"1 of 3 steps" in response.content
    everything = client_as(manager).get(reverse("onboarding:index"), {"scope": "all"})
    assert b"Someone Elses" in everything.content


@pytest.mark.parametrize("count", [3, 12])
def test_onboarding_list_query_count_is_constant(
    client_as, plan, manager, count, django_assert_num_queries
):
    for _ in range(count):
        NetworkFactory(manager=manager)
    browser = client_as(manager)
    with django_assert_num_queries(5):
        assert browser.get(reverse("onboarding:index")).status_code == 200


def test_home_shows_onboarding_panel(client_as, plan, member_a):
    response = client_as(member_a).get("/")
    assert b"Your onboarding" in response.content


# --- members and invitations ----------------------------------------------------------


def test_owner_invites_and_the_link_creates_an_account(
    client, client_as, owner_a, network_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(owner_a).post(
            reverse("onboarding:members", args=[network_a.slug]),
            {"email": "colleague@alpha.example", "role": "member"},
        )
    assert response.status_code == 302
    path = re.search(r"(/onboarding/invitations/[^/]+/)", mail.outbox[0].body)[1]
    assert client.get(path).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path,
            {
                "display_name": "Cole",
                "password1": "a-long-good-passphrase",
                "password2": "a-long-good-passphrase",
            },
        )
    assert response.status_code == 302
    assert Membership.objects.filter(
        network=network_a, user__email="colleague@alpha.example"
    ).exists()
    assert mail.outbox[-1].to == ["colleague@alpha.example"]
    reused = client.post(
        path, {"password1": "x-long-good-pass", "password2": "x-long-good-pass"}
    )
    assert reused.status_code == 410 and b"already been used" in reused.content


def test_garbage_invitation_link_shows_a_page_not_a_traceback(client):
    response = client.get("/onboarding/invitations/not-a-token/")
    assert response.status_code == 404 and b"not valid" in response.content


def test_members_page_is_kept_from_plain_members_and_other_networks(
    client_as, member_a, owner_a, network_a, network_b
):
    assert (
        client_as(member_a)
        .get(reverse("onboarding:members", args=[network_a.slug]))
        .status_code
        == 404
    )
    assert (
        client_as(owner_a)
        .get(reverse("onboarding:members", args=[network_b.slug]))
        .status_code
        == 404
    )


def test_owner_removes_a_member(client_as, owner_a, member_a, network_a):
    membership = Membership.objects.get(user=member_a)
    client_as(owner_a).post(
        reverse("onboarding:member_remove", args=[network_a.slug, membership.pk])
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_member_of_another_network_cannot_remove(
    client_as, member_b, member_a, network_a
):
    membership = Membership.objects.get(user=member_a)
    response = client_as(member_b).post(
        reverse("onboarding:member_remove", args=[network_a.slug, membership.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- announcements -------------------------------------------------------------------------


def test_banner_is_shown_until_acknowledged_in_one_query(
    client_as, member_a, network_a, django_assert_num_queries
):
    announcement = AnnouncementFactory(title="Big change", published_at=timezone.now())
    browser = client_as(member_a)
    assert b"Big change" in browser.get(reverse("onboarding:preferences")).content
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = member_a
    from core.cache import request_scope
    from hub import permissions as access

    with request_scope():
        access.network_ids(member_a)  # the page has usually asked already
        with django_assert_num_queries(1):
            Template("{% include 'includes/banners.html' %}").render(
                Context({"request": request})
            )
    browser.post(
        reverse("onboarding:announcement_ack", args=[announcement.pk]),
        {"next": "/onboarding/preferences/"},
    )
    assert b"Big change" not in browser.get(reverse("onboarding:preferences")).content


def test_announcement_for_another_network_answers_404(client_as, member_b, network_a):
    announcement = AnnouncementFactory(
        published_at=timezone.now(), networks=[network_a]
    )
    browser = client_as(member_b)
    assert (
        browser.get(
            reverse("onboarding:announcement_detail", args=[announcement.pk])
        ).status_code
        == 404
    )
    assert (
        browser.post(
            reverse("onboarding:announcement_ack", args=[announcement.pk])
        ).status_code
        == 404
    )


def test_acknowledgement_report_for_managers_only(
    client_as, manager, member_a, owner_a, network_a, intern
):
    announcement = AnnouncementFactory(
        published_at=timezone.now(), networks=[network_a]
    )
    services.announcement_acknowledge(announcement=announcement, user=owner_a)
    url = reverse("onboarding:announcement_report", args=[announcement.pk])
    response = client_as(manager).get(url)
    assert response.status_code == 200
    assert response.context["acknowledged"] == 1 and response.context["total"] == 2
    for person in (member_a, intern):
        assert client_as(person).get(url).status_code == 404


def test_acknowledgement_report_counts_the_audience_stored_at_publish(
    client_as, manager, member_a, network_a, member_b, network_b
):
    # given an announcement for one region, published while only Alpha was in it
    anz = RegionFactory(code="anz", name="Australia & New Zealand")
    sea = RegionFactory(code="sea", name="South-East Asia")
    network_a.region, network_b.region = anz, sea
    network_a.save(), network_b.save()
    announcement = AnnouncementFactory(published_at=timezone.now(), regions=[anz])

    # when Bravo moves into that region afterwards
    network_b.region = anz
    network_b.save()

    # then the report counts who was addressed (and sees the banner), not Bravo
    url = reverse("onboarding:announcement_report", args=[announcement.pk])
    response = client_as(manager).get(url)
    assert response.context["total"] == 1
    [group] = response.context["networks"]
    assert group["network"] == network_a
    assert [m.user for m in group["members"]] == [member_a]


# --- preferences and unsubscribe ------------------------------------------------------------


def test_member_changes_preferences(client_as, member_a):
    client_as(member_a).post(reverse("onboarding:preferences"), {"tips": "on"})
    pref = EmailPreference.objects.get(user=member_a)
    assert pref.tips is True and pref.digest is False


def test_one_click_unsubscribe_get_confirms_post_unsubscribes_without_login(
    client, member_a
):
    url = reverse(
        "onboarding:unsubscribe",
        args=[unsubscribe_token(user_id=member_a.pk, topic="digest")],
    )
    page = client.get(url)
    assert page.status_code == 200 and b"<form" in page.content
    assert not EmailPreference.objects.filter(user=member_a).exists()
    client.post(url, {"List-Unsubscribe": "One-Click"})
    assert EmailPreference.objects.get(user=member_a).digest is False
    assert EmailPreference.objects.get(user=member_a).tips is True


def test_forged_unsubscribe_link_changes_nothing(client, member_a):
    response = client.post("/onboarding/unsubscribe/forged-token/")
    assert response.status_code == 404
    assert not EmailPreference.objects.exists()


# --- admin previews --------------------------------------------------------------------------


def test_admin_previews_tip_announcement_and_digest(client_as, manager, member_a):
    tip = TipFactory(title="Search first")
    announcement = AnnouncementFactory(title="Policy news")
    browser = client_as(manager)
    tip_page = browser.get(reverse("admin:onboarding_tip_preview", args=[tip.pk]))
    assert tip_page.status_code == 200 and b"Search first" in tip_page.content
    assert b"List-Unsubscribe" in tip_page.content
    ann_page = browser.get(
        reverse("admin:onboarding_announcement_preview", args=[announcement.pk])
    )
    assert b"Policy news" in ann_page.content
    digest_page = browser.get(
        reverse("admin:onboarding_digest_preview"),
        {"email": member_a.email, "month": "2026-10"},
    )
    assert digest_page.status_code == 200 and b"October 2026" in digest_page.content


def test_network_member_cannot_reach_admin_previews(client_as, member_a):
    tip = TipFactory()
    response = client_as(member_a).get(
        reverse("admin:onboarding_tip_preview", args=[tip.pk])
    )
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_admin_keeps_a_published_announcements_audience(
    client_as, manager, network_a, network_b
):
    # given an announcement published to network A only
    announcement = AnnouncementFactory(
        title="Fees", published_at=timezone.now(), networks=[network_a]
    )
    url = reverse("admin:onboarding_announcement_change", args=[announcement.pk])
    browser = client_as(manager)
    # then the change page shows who it went to instead of the targeting fields
    page = browser.get(url)
    assert page.status_code == 200
    assert b"1 network (decided when it was published)" in page.content
    assert b'name="networks"' not in page.content
    assert b'name="tier_choices"' not in page.content
    # when the manager edits the text and submits (a crafted form adds network B)
    response = browser.post(
        url,
        {
            "title": "Fees (corrected)",
            "kind": "product",
            "body": "Something changed.",
            "networks": [network_b.pk],
            "tier_choices": ["premier"],
        },
    )
    # then the text changes and the audience and targeting do not
    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.title == "Fees (corrected)"
    assert list(announcement.audience.all()) == [network_a]
    assert list(announcement.networks.all()) == [network_a]
    assert announcement.tiers == ""
