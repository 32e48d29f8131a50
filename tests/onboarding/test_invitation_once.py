"""Issue 17: inviting the same address twice made two invitations and sent two
e-mails, with no way to resend or revoke one."""

import re

import pytest
from django.core import mail

from core.exceptions import ApplicationError
from onboarding import services
from onboarding.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(owner_a, network_a, django_capture_on_commit_callbacks):
    def invite(email="new@alpha.example", role="member", actor=owner_a):
        with django_capture_on_commit_callbacks(execute=True):
            return services.invitation_create(
                actor=actor, network=network_a, email=email, role=role
            )

    return invite


def test_inviting_the_same_address_twice_keeps_one_invitation_and_one_email(invite):
    first = invite()
    again = invite(email="  NEW@alpha.example ")

    assert again.pk == first.pk and again.already_pending
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_inviting_again_with_another_role_changes_the_role_without_an_email(invite):
    first = invite()
    invite(role="owner")
    first.refresh_from_db()
    assert first.role == "owner" and len(mail.outbox) == 1


def test_the_database_refuses_a_second_pending_invitation(network_a):
    from django.db import IntegrityError, transaction

    Invitation.objects.create(network=network_a, email="x@alpha.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(network=network_a, email="x@alpha.example")


def test_resend_mails_a_fresh_link_and_counts_it(
    invite, owner_a, django_capture_on_commit_callbacks
):
    invitation = invite()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(actor=owner_a, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.send_count == 2 and len(mail.outbox) == 2
    token = re.search(r"/onboarding/invitations/([^/]+)/", mail.outbox[1].body)[1]
    assert services.invitation_from_token(token) == invitation


def test_a_revoked_invitation_link_stops_working_and_a_new_one_can_be_sent(
    invite, owner_a
):
    invitation = invite()
    token = services.invitation_token(invitation)
    services.invitation_revoke(actor=owner_a, invitation=invitation)

    with pytest.raises(services.InvitationError) as revoked:
        services.invitation_from_token(token)
    assert revoked.value.reason == "revoked" and revoked.value.status_code == 410
    with pytest.raises(ApplicationError):
        services.invitation_resend(actor=owner_a, invitation=invitation)

    fresh = invite()
    assert fresh.pk != invitation.pk and not fresh.already_pending
    assert len(mail.outbox) == 2


def test_a_plain_member_cannot_resend_or_revoke(invite, member_a):
    from core.exceptions import PermissionDeniedError

    invitation = invite()
    for action in (services.invitation_resend, services.invitation_revoke):
        with pytest.raises(PermissionDeniedError):
            action(actor=member_a, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.is_pending and invitation.send_count == 1


def test_the_members_page_says_nothing_was_sent_the_second_time(
    client_as, owner_a, network_a, django_capture_on_commit_callbacks
):
    client = client_as(owner_a)
    url = f"/onboarding/{network_a.slug}/members/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": "new@alpha.example", "role": "member"})
        page = client.post(
            url, {"email": "new@alpha.example", "role": "member"}, follow=True
        )
    text = page.content.decode()
    assert "already has a pending invitation" in text
    assert len(mail.outbox) == 1
    invitation = Invitation.objects.get()
    assert f"/invitations/{invitation.pk}/resend/" in text
    assert f"/invitations/{invitation.pk}/revoke/" in text
    assert "data-confirm=" in text.split(f"/invitations/{invitation.pk}/revoke/")[1]


def test_the_members_page_resends_and_revokes(
    client_as, owner_a, network_a, invite, django_capture_on_commit_callbacks
):
    invitation = invite()
    client = client_as(owner_a)
    base = f"/onboarding/{network_a.slug}/invitations/{invitation.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"{base}/resend/", follow=True)
    assert "again, with a fresh link" in page.content.decode()
    assert len(mail.outbox) == 2
    page = client.post(f"{base}/revoke/", follow=True)
    assert "was revoked" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    # a second revoke (another tab) finds nothing pending
    assert client.post(f"{base}/revoke/").status_code == 404


def test_another_networks_owner_cannot_touch_the_invitation(
    client_as, invite, network_a, member_b
):
    invitation = invite()
    client = client_as(member_b)
    base = f"/onboarding/{network_a.slug}/invitations/{invitation.pk}"
    assert client.post(f"{base}/resend/").status_code == 404
    assert client.post(f"{base}/revoke/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_the_api_answers_the_pending_invitation_with_200_and_sends_nothing(
    owner_a, network_a, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(owner_a)
    url = f"/api/v1/networks/{network_a.slug}/invitations/"
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"email": "api@alpha.example"}, format="json")
        again = client.post(url, {"email": "api@alpha.example"}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert len(mail.outbox) == 1
