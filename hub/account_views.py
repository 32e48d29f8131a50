"""A person's own account security: API tokens and the second factor.

Every page here acts on the signed-in person only; nobody reaches another
person's tokens or devices through them (another's token id answers 404).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.exceptions import ApplicationError, NotFoundError
from core.forms import form_add_service_error
from hub import tokens, two_factor
from hub.forms import ApiTokenForm, ProfileForm, SecondFactorForm, TwoFactorSetupForm


@never_cache
@login_required
def profile(request):
    """The person's own name and time zone; nobody else's."""
    from hub.profile import profile_update
    from hub.timezones import default_time_zone_for

    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"display_name": user.display_name, "time_zone": user.time_zone},
        default_zone=default_time_zone_for(user),
    )
    if request.method == "POST" and form.is_valid():
        profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Profile saved."))
        return redirect("account_profile")
    from django.utils import timezone

    from core.timefmt import local_datetime

    return render(
        request,
        "hub/profile.html",
        {"form": form, "now_example": local_datetime(timezone.now())},
    )


@never_cache
@login_required
def token_list(request):
    """List the person's tokens; POST creates one, whose secret is shown once."""
    form = ApiTokenForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = tokens.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "hub/apitoken_list.html",
        {
            "form": form,
            "tokens": tokens.api_token_list(user=request.user),
            "created": created,
            "secret": secret,
            "ttl_days": settings.HUB_API_TOKEN_TTL_DAYS,
        },
    )


@require_POST
@login_required
def token_revoke(request, pk: int):
    try:
        token = tokens.api_token_revoke(user=request.user, token_id=pk)
    except NotFoundError as exc:
        raise Http404 from exc
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("account_tokens")


@never_cache
@login_required
def two_factor_index(request):
    user = request.user
    return render(
        request,
        "hub/two_factor.html",
        {
            "enabled": two_factor.has_second_factor(user),
            "required": not two_factor.may_turn_off(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "form": SecondFactorForm(),
        },
    )


@never_cache
@login_required
def two_factor_setup(request):
    """Scan the QR code (or type the key), then confirm with the app's first code."""
    user = request.user
    if two_factor.has_second_factor(user):
        return redirect("two_factor")
    key = two_factor.setup_secret(request)
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.two_factor_enable(
                user=user, key=key, code=form.cleaned_data["code"]
            )
        except ApplicationError as exc:
            form_add_service_error(form, exc)
        else:
            request.session.pop(two_factor.SETUP_KEY, None)
            two_factor.mark_verified(request)  # the first code was the second factor
            return _show_codes(request, codes, first_time=True)
    uri = two_factor.otpauth_uri(user=user, key=key)
    return render(
        request,
        "hub/two_factor_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr_svg": two_factor.qr_svg(uri),
            "secret": two_factor.base32_secret(key),
            "next": request.GET.get("next", ""),
        },
    )


def _show_codes(request, codes: list[str], *, first_time: bool = False):
    return render(
        request,
        "hub/recovery_codes.html",
        {"codes": codes, "first_time": first_time},
    )


@never_cache
@require_POST
@login_required
def two_factor_recovery_codes(request):
    try:
        codes = two_factor.recovery_codes_regenerate(user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("two_factor")
    return _show_codes(request, codes)


@require_POST
@login_required
def two_factor_disable(request):
    """Turn the second factor off, with a current code, where it is optional."""
    user = request.user
    if not two_factor.may_turn_off(user):
        messages.error(request, _("Staff accounts must keep two-factor sign-in on."))
        return redirect("two_factor")
    form = SecondFactorForm(request.POST)
    if not (
        form.is_valid()
        and two_factor.second_factor_verify(user=user, code=form.cleaned_data["otp"])
    ):
        messages.error(request, _("That code is not right; nothing changed."))
        return redirect("two_factor")
    two_factor.two_factor_disable(user=user)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("two_factor")
