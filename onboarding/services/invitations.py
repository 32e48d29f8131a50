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
from hub import outbox
from hub import permissions as access
from hub.exceptions import ApplicationError, PermissionDeniedError
from hub.models import CreatorNetwork, Membership, User
from onboarding.models import Invitation

INVITATION_SALT = "onboarding.invitation"


class InvitationError(ApplicationError):
    """A link that cannot be used; ``reason`` is invalid, expired or used."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message, extra={"reason": reason})
        self.reason = reason
        self.status_code = 410 if reason in ("expired", "used") else 404


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
    return invitation


@transaction.atomic
def invitation_create(
    *, actor: User, network: CreatorNetwork, email: str, role: str = "member"
) -> Invitation:
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
    invitation = Invitation.objects.create(
        network=network, email=email, role=role, invited_by=actor
    )
    audit_record(
        actor=actor,
        action="onboarding.invite",
        obj=network,
        changes={"invited": email, "role": role},
    )
    from onboarding.tasks import invitation_email_task

    outbox.enqueue(invitation_email_task, invitation_id=invitation.pk)
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
    user = User.objects.filter(email__iexact=invitation.email).first()
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
