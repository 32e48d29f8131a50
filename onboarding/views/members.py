from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError
from core.forms import form_add_service_error
from onboarding.forms import AcceptInvitationForm, InvitationForm
from onboarding.selectors import (
    account_for_invitation,
    member_of_network,
    network_for_members_page,
    network_members,
    pending_invitation,
    pending_invitations,
)
from onboarding.services import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_resend,
    invitation_revoke,
    membership_remove,
)


def _members_page(request, network, form):
    memberships = network_members(network=network)
    invitations = pending_invitations(network=network)[:20]
    return render(
        request,
        "onboarding/members.html",
        {
            "network": network,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
        },
    )


@login_required
def members(request, slug: str):
    network = network_for_members_page(user=request.user, slug=slug)
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = invitation_create(
                    actor=request.user,
                    network=network,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ApplicationError as exc:
                form_add_service_error(form, exc)
            else:
                if invitation.already_pending:
                    messages.info(
                        request,
                        _(
                            "%(email)s already has a pending invitation; nothing "
                            "was sent. Use Resend to e-mail the link again."
                        )
                        % {"email": invitation.email},
                    )
                else:
                    messages.success(
                        request,
                        _("Invitation sent to %(email)s.")
                        % {"email": invitation.email},
                    )
                return redirect("onboarding:members", slug=slug)
    else:
        form = InvitationForm()
    return _members_page(request, network, form)


@login_required
@require_POST
def member_remove(request, slug: str, membership_id: int):
    network = network_for_members_page(user=request.user, slug=slug)
    membership = member_of_network(network=network, membership_id=membership_id)
    try:
        membership_remove(actor=request.user, membership=membership)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(who)s was removed.") % {"who": membership.user.email}
        )
    return redirect("onboarding:members", slug=slug)


@login_required
@require_POST
def invitation_resend_view(request, slug: str, invitation_id: int):
    network = network_for_members_page(user=request.user, slug=slug)
    invitation = pending_invitation(network=network, invitation_id=invitation_id)
    try:
        invitation_resend(actor=request.user, invitation=invitation)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s again, with a fresh link.")
            % {"email": invitation.email},
        )
    return redirect("onboarding:members", slug=slug)


@login_required
@require_POST
def invitation_revoke_view(request, slug: str, invitation_id: int):
    network = network_for_members_page(user=request.user, slug=slug)
    invitation = pending_invitation(network=network, invitation_id=invitation_id)
    try:
        invitation_revoke(actor=request.user, invitation=invitation)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s was revoked; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("onboarding:members", slug=slug)


def invitation_accept_view(request, token: str):
    """GET shows the set-password form; POST creates the account and joins."""
    try:
        invitation = invitation_from_token(token)
    except InvitationError as exc:
        return render(
            request,
            "onboarding/invitation_invalid.html",
            {"message": exc.message, "reason": exc.reason},
            status=exc.status_code,
        )
    existing = account_for_invitation(invitation) is not None
    if existing and request.method == "POST":
        # an account already exists: join it to the network, but never sign in
        # without its password
        try:
            invitation_accept(token=token, password="")
        except InvitationError as exc:
            return render(
                request,
                "onboarding/invitation_invalid.html",
                {"message": exc.message, "reason": exc.reason},
                status=exc.status_code,
            )
        messages.success(
            request,
            _("You joined %(network)s. Sign in with your existing password.")
            % {"network": invitation.network.name},
        )
        return redirect("login")
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
        except InvitationError as exc:
            return render(
                request,
                "onboarding/invitation_invalid.html",
                {"message": exc.message, "reason": exc.reason},
                status=exc.status_code,
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(
                request,
                _("Welcome to %(network)s!") % {"network": invitation.network.name},
            )
            return redirect("onboarding:index")
    return render(
        request,
        "onboarding/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing": existing},
    )
