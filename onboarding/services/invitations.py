"""Invitations (signed, expiring, single-use links) and removing members."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, PermissionDeniedError
from hub import outbox
from hub import permissions as access
from hub.models import CreatorNetwork, Membership, User
from onboarding.models import Invitation
from onboarding.selectors import account_for_invitation

INVITATION_SALT = "onboarding.invitation"


class InvitationError(ApplicationError):
    """A link that cannot be used; ``reason`` is invalid, expired, used or revoked."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message, extra={"reason": reason})
        self.reason = reason
        self.status_code = 410 if reason in ("expired", "used", "revoked") else 404


def invitation_token(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_url(invitation: Invitation) -> str:
    path = reverse(
        "onboarding:invitation_accept",
        kwargs={"token": invitation_token(invitation)},
    )
    return settings.HUB_BASE_URL.rstrip("/") + path


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation behind a link; raises ``InvitationError`` otherwise."""
    max_age = settings.HUB_INVITATION_MAX_AGE_DAYS * 24 * 3600
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(
            token, max_age=max_age
        )
    except signing.SignatureExpired as exc:
        raise InvitationError(
            _("This invitation has expired. Ask for a new one."), reason="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise InvitationError(
            _("This invitation link is not valid."), reason="invalid"
        ) from exc
    invitation = Invitation.objects.select_related("network").filter(pk=int(pk)).first()
    if invitation is None:
        raise InvitationError(_("This invitation link is not valid."), reason="invalid")
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Sign in instead."),
            reason="used",
        )
    if invitation.revoked_at is not None:
        raise InvitationError(
            _("This invitation was withdrawn. Ask the network for a new one."),
            reason="revoked",
        )
    return invitation


@transaction.atomic
def invitation_create(
    *, actor: User, network: CreatorNetwork, email: str, role: str = "member"
) -> Invitation:
    """Invite ``email`` to ``network``: one pending invitation per address. Asking
    again while one is pending sends nothing and returns it with
    ``already_pending = True`` (its role updated if a new one was asked for);
    ``invitation_resend`` sends its link again."""
    if not access.can_manage_members(actor, network):
        raise PermissionDeniedError(_("You may not invite people to this network."))
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Membership.Role.values:
        raise ApplicationError(_("Unknown role."), extra={"fields": {"role": [role]}})
    if Membership.objects.filter(network=network, user__email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already a member of %(network)s.")
            % {"email": email, "network": network.name},
            extra={"fields": {"email": [_("Already a member.")]}},
        )
    # one invite at a time per network, so two clicks cannot both create one
    CreatorNetwork.objects.select_for_update().filter(pk=network.pk).first()
    existing = _pending(network=network, email=email).first()
    if existing is not None:
        if existing.role != role:
            existing.role = role
            existing.save(update_fields=["role"])
        existing.already_pending = True
        return existing
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        role=role,
        invited_by=actor,
        last_sent_at=timezone.now(),
    )
    invitation.already_pending = False
    audit_record(
        actor=actor,
        action="onboarding.invite",
        obj=network,
        changes={"invited": email, "role": role},
    )
    _send(invitation)
    return invitation


def _pending(*, network: CreatorNetwork, email: str):
    return Invitation.objects.filter(
        network=network,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )


def _send(invitation: Invitation) -> None:
    from onboarding.tasks import invitation_email_task

    outbox.enqueue(invitation_email_task, invitation_id=invitation.pk)


def _pending_for_update(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise ApplicationError(
            _("%(email)s already accepted this invitation.") % {"email": locked.email}
        )
    if locked.revoked_at is not None:
        raise ApplicationError(
            _("The invitation to %(email)s was revoked; invite them again.")
            % {"email": locked.email}
        )
    return locked


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> Invitation:
    """E-mail a pending invitation's link again (a fresh link, valid for
    ``HUB_INVITATION_MAX_AGE_DAYS`` from now)."""
    if not access.can_manage_members(actor, invitation.network):
        raise PermissionDeniedError(_("You may not invite people to this network."))
    invitation = _pending_for_update(invitation)
    invitation.last_sent_at = timezone.now()
    invitation.send_count += 1
    invitation.save(update_fields=["last_sent_at", "send_count"])
    audit_record(
        actor=actor,
        action="onboarding.invite_resend",
        obj=invitation.network,
        changes={"invited": invitation.email},
    )
    _send(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its links stop working; nothing is e-mailed."""
    if not access.can_manage_members(actor, invitation.network):
        raise PermissionDeniedError(_("You may not remove people from this network."))
    invitation = _pending_for_update(invitation)
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="onboarding.invite_revoke",
        obj=invitation.network,
        changes={"revoked": invitation.email},
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, display_name: str = "") -> User:
    """Create the account (or reuse it) and the membership; the link is then spent."""
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # a parallel request won
        raise InvitationError(
            _("This invitation has already been used. Sign in instead."),
            reason="used",
        )
    user = account_for_invitation(invitation)
    if user is None:
        candidate = User(email=invitation.email, display_name=display_name)
        try:
            validate_password(password, user=candidate)
        except ValidationError as exc:
            raise ApplicationError(
                " ".join(exc.messages), extra={"fields": {"password1": exc.messages}}
            ) from exc
        user = User.objects.create_user(
            invitation.email, password, display_name=display_name
        )
    Membership.objects.get_or_create(
        user=user, network=invitation.network, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    from onboarding.tasks import invitation_welcome_email_task

    outbox.enqueue(invitation_welcome_email_task, invitation_id=invitation.pk)
    return user


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    network = membership.network
    if not access.can_manage_members(actor, network):
        raise PermissionDeniedError(_("You may not remove people from this network."))
    if membership.role == Membership.Role.OWNER:
        owners = (
            Membership.objects.select_for_update()
            .filter(network=network, role=Membership.Role.OWNER)
            .count()
        )
        if owners <= 1:
            raise ApplicationError(_("A network keeps at least one owner."))
    audit_record(
        actor=actor,
        action="onboarding.member_remove",
        obj=network,
        changes={"removed": membership.user.email, "role": membership.role},
    )
    membership.delete()
