"""Transactional onboarding e-mails, built when they are sent.

Their tasks take the invitation or onboarding id: the recipient, the text and the
signed invitation link are worked out here, at send time, and never stored in the
outbox (see ``hub.outbox``).
"""

from django.conf import settings
from django.urls import reverse

from hub.emails import send_email
from hub.languages import email_language
from onboarding.models import Invitation, Onboarding


def send_invitation(invitation_id: int) -> int:
    """The signed join link, for an invitation nobody has used yet."""
    from onboarding.services.invitations import invitation_url

    invitation = (
        Invitation.objects.select_related("network", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return 0
    return send_email(
        to=[invitation.email],
        language=email_language(None, invitation.network),
        template="onboarding_invitation",
        context={
            "network_name": invitation.network.name,
            "inviter": str(invitation.invited_by or settings.HUB_SITE_NAME),
            "url": invitation_url(invitation),
            "days": settings.HUB_INVITATION_MAX_AGE_DAYS,
        },
    )


def send_welcome(invitation_id: int) -> int:
    """Welcome the person who accepted ``invitation_id`` into its network."""
    invitation = (
        Invitation.objects.select_related("network", "accepted_user")
        .filter(pk=invitation_id, accepted_user__isnull=False)
        .first()
    )
    if invitation is None:
        return 0
    user = invitation.accepted_user
    return send_email(
        to=[user.email],
        language=email_language(user, invitation.network),
        template="onboarding_welcome",
        context={
            "network_name": invitation.network.name,
            "name": user.get_short_name(),
            "url": settings.HUB_BASE_URL.rstrip("/") + reverse("onboarding:index"),
        },
    )


def send_stalled_reminder(onboarding_id: int) -> int:
    """Tell the network's manager that its onboarding has stalled."""
    onboarding = (
        Onboarding.objects.select_related("network", "network__manager")
        .filter(pk=onboarding_id, network__manager__isnull=False)
        .first()
    )
    if onboarding is None:
        return 0
    return send_email(
        to=[onboarding.network.manager.email],
        language=email_language(onboarding.network.manager),
        template="onboarding_stalled",
        context={
            "network_name": onboarding.network.name,
            "days": settings.HUB_ONBOARDING_STALL_DAYS,
            "path": f"/onboarding/{onboarding.network.slug}/",
        },
    )
