"""Onboarding over the API: the portal's rules, tried from the side of those kept
out (another network, a plain member on people, a network on a manager's step)."""

import pytest
from django.utils import timezone

from hub.models import Membership
from onboarding.models import AnnouncementAcknowledgement, EmailPreference, Invitation
from onboarding.services import onboarding_start
from tests.hub.factories import MembershipFactory, NetworkFactory
from tests.onboarding.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def checklist(network_a, plan):
    return onboarding_start(network=network_a, plan=plan)


def _step(checklist, owner_side):
    return checklist.steps.filter(owner_side=owner_side).order_by("order").first()


def test_a_network_reads_its_checklist_with_progress(api_as, member_a, checklist):
    body = api_as(member_a).get(f"/api/v1/onboarding/{checklist.network.slug}/")
    assert body.status_code == 200
    data = body.json()
    assert (data["total_steps"], data["done_steps"]) == (3, 0)
    assert [s["title"] for s in data["steps"]] == ["Profile", "Kick-off", "Training"]


def test_a_network_ticks_its_own_step_but_not_the_managers(api_as, member_a, checklist):
    client = api_as(member_a)
    own, managers = _step(checklist, "network"), _step(checklist, "manager")
    response = client.patch(
        f"/api/v1/onboarding/steps/{own.pk}/", {"done": True}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["done"] is True
    assert response.json()["done_by"] == member_a.email
    response = client.patch(
        f"/api/v1/onboarding/steps/{managers.pk}/", {"done": True}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["message"] == "Only the agency manager can tick this step."
    managers.refresh_from_db()
    assert managers.done_at is None


def test_another_network_cannot_see_or_tick_the_checklist(api_as, member_b, checklist):
    client = api_as(member_b)
    slug = checklist.network.slug
    assert client.get(f"/api/v1/onboarding/{slug}/").status_code == 404
    step = _step(checklist, "network")
    response = client.patch(
        f"/api/v1/onboarding/steps/{step.pk}/", {"done": True}, format="json"
    )
    assert response.status_code == 404
    assert client.get("/api/v1/onboarding/").json()["results"] == []


def test_a_bad_tick_is_a_field_error(api_as, manager, checklist):
    step = _step(checklist, "manager")
    response = api_as(manager).patch(
        f"/api/v1/onboarding/steps/{step.pk}/", {"done": "perhaps"}, format="json"
    )
    assert response.status_code == 400
    assert "done" in response.json()["errors"]


def test_an_owner_invites_and_removes_people(api_as, owner_a, member_a, network_a):
    client = api_as(owner_a)
    base = f"/api/v1/networks/{network_a.slug}/"
    response = client.post(
        base + "invitations/", {"email": "New@Alpha.example"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["email"] == "new@alpha.example"
    listed = client.get(base + "invitations/").json()["results"]
    assert [i["email"] for i in listed] == ["new@alpha.example"]
    member = Membership.objects.get(user=member_a)
    assert client.delete(base + f"members/{member.pk}/").status_code == 204
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_inviting_a_member_again_is_a_json_field_error(api_as, manager, member_a):
    network = member_a.memberships.get().network
    response = api_as(manager).post(
        f"/api/v1/networks/{network.slug}/invitations/",
        {"email": member_a.email},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"email": ["Already a member."]}
    response = api_as(manager).post(
        f"/api/v1/networks/{network.slug}/invitations/",
        {"email": "not-an-address", "role": "boss"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"email", "role"}


def test_the_last_owner_stays(api_as, manager, owner_a, network_a):
    owner = Membership.objects.get(user=owner_a)
    response = api_as(manager).delete(
        f"/api/v1/networks/{network_a.slug}/members/{owner.pk}/"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "A network keeps at least one owner."


@pytest.mark.parametrize("who", ["member_a", "member_b", "intern"])
def test_people_are_managed_only_by_managers_and_owners(
    request, api_as, who, network_a
):
    client = api_as(request.getfixturevalue(who))
    base = f"/api/v1/networks/{network_a.slug}/"
    assert client.get(base + "members/").status_code == 404
    response = client.post(base + "invitations/", {"email": "x@y.example"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("size", [2, 6])
def test_member_list_queries_stay_constant(
    api_as, manager, network_a, django_assert_num_queries, size
):
    MembershipFactory.create_batch(size, network=network_a)
    client = api_as(manager)
    with django_assert_num_queries(4):  # network, may manage, count, page
        response = client.get(f"/api/v1/networks/{network_a.slug}/members/")
    assert response.json()["count"] == size


def test_acknowledging_an_announcement(api_as, member_a, member_b, network_a):
    announcement = AnnouncementFactory(published_at=timezone.now())
    announcement.networks.add(network_a)
    AnnouncementFactory(published_at=None).networks.add(network_a)  # not yet out
    client = api_as(member_a)
    listed = client.get("/api/v1/announcements/").json()["results"]
    assert [(a["id"], a["acknowledged"]) for a in listed] == [(announcement.pk, False)]
    response = client.post(f"/api/v1/announcements/{announcement.pk}/acknowledge/")
    assert response.status_code == 200
    assert response.json()["acknowledged"] is True
    assert AnnouncementAcknowledgement.objects.filter(user=member_a).count() == 1
    other = api_as(member_b)
    assert other.get("/api/v1/announcements/").json()["results"] == []
    response = other.post(f"/api/v1/announcements/{announcement.pk}/acknowledge/")
    assert response.status_code == 404
    assert not AnnouncementAcknowledgement.objects.filter(user=member_b).exists()


@pytest.mark.parametrize("size", [1, 4])
def test_announcement_list_queries_stay_constant(
    api_as, member_a, network_a, django_assert_num_queries, size
):
    for announcement in AnnouncementFactory.create_batch(
        size, published_at=timezone.now()
    ):
        announcement.networks.add(network_a)
    client = api_as(member_a)
    with django_assert_num_queries(3):  # membership ids, count, page
        response = client.get("/api/v1/announcements/")
    assert response.json()["count"] == size


def test_email_preferences_are_ones_own(api_as, member_a, member_b):
    client = api_as(member_a)
    assert client.get("/api/v1/email-preferences/").json() == {
        "tips": True,
        "digest": True,
    }
    response = client.patch(
        "/api/v1/email-preferences/", {"tips": False}, format="json"
    )
    assert response.json() == {"tips": False, "digest": True}
    assert EmailPreference.objects.get(user=member_a).tips is False
    assert not EmailPreference.objects.filter(user=member_b).exists()
    response = client.put(
        "/api/v1/email-preferences/", {"tips": "sometimes"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"tips"}


def test_a_network_with_no_checklist_lists_nothing(api_as, outsider):
    NetworkFactory()
    assert api_as(outsider).get("/api/v1/onboarding/").json()["results"] == []
