"""Sign-in for people (portal and admin), its second step, password reset and the
API token endpoint: each throttled by ``hub.throttling``."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.http import client_address
from hub import throttling, two_factor
from hub.api.serializers import TokenRequestSerializer, TokenResponseSerializer
from hub.forms import (
    AdminEmailAuthenticationForm,
    EmailAuthenticationForm,
    QueuedPasswordResetForm,
    SecondFactorForm,
)


def lockout_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return _(
        "Too many failed sign-ins. Try again in %(minutes)d minutes, or reset your "
        "password."
    ) % {"minutes": minutes}


def _refused(response, seconds: int):
    response["Retry-After"] = str(seconds)
    return response


class LoginView(auth_views.LoginView):
    """``/accounts/login/``: e-mail and password, then the second factor if any."""

    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        left = throttling.locked_for(
            username=username,
            address=client_address(request),
            known_browser=throttling.is_known_browser(request, username),
        )
        if left:
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, lockout_message(left))
            context = self.get_context_data(form=form)
            response = render(request, self.template_name, context, status=429)
            return _refused(response, left)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttling.record_failure(
            username=self.request.POST.get("username", ""),
            address=client_address(self.request),
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        throttling.record_success(
            username=user.email, address=client_address(self.request)
        )
        response = super().form_valid(form)  # signs in; two_factor.on_login runs
        state = two_factor.session_state(self.request)
        if state == two_factor.OK:
            throttling.remember_browser(self.request, response, user.email)
            return response
        target = "login_verify" if state == two_factor.VERIFY else "two_factor_setup"
        return redirect(
            f"{reverse(target)}?{urlencode({'next': self.get_success_url()})}"
        )


class AdminLoginView(LoginView):
    """``/admin/login/``: the same protection, in the admin's own page."""

    authentication_form = AdminEmailAuthenticationForm
    template_name = "admin/login.html"
    redirect_authenticated_user = False


def _safe_next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@sensitive_post_parameters("otp")
@csrf_protect
@never_cache
def login_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    if not request.user.is_authenticated:
        return redirect("login")
    state = two_factor.session_state(request)
    next_url = _safe_next(request)
    if state != two_factor.VERIFY:
        return redirect(next_url if state == two_factor.OK else "two_factor_setup")
    user = request.user
    address = client_address(request)
    form = SecondFactorForm(request.POST or None)
    status_code = 200
    if request.method == "POST" and form.is_valid():
        left = throttling.locked_for(
            username=user.email,
            address=address,
            known_browser=throttling.is_known_browser(request, user.email),
        )
        kind = (
            None
            if left
            else two_factor.second_factor_verify(
                user=user, code=form.cleaned_data["otp"]
            )
        )
        if kind:
            throttling.record_success(username=user.email, address=address)
            two_factor.mark_verified(request)
            if kind == "recovery":
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)d are left. "
                        "Make new ones on the two-factor page if you are running low."
                    )
                    % {"left": two_factor.recovery_codes_left(user)},
                )
            response = redirect(next_url)
            throttling.remember_browser(request, response, user.email)
            return response
        if left:
            form.add_error(None, lockout_message(left))
            status_code = 429
        else:
            throttling.record_failure(username=user.email, address=address)
            form.add_error(
                "otp",
                _("That code is not right (or came too soon after a wrong one)."),
            )
    response = render(
        request,
        "registration/login_verify.html",
        {"form": form, "next": next_url},
        status=status_code,
    )
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Rate-limited per address and per e-mail address asked for, existing or not."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        wait = throttling.password_reset_wait(
            email=form.cleaned_data["email"],
            address=client_address(self.request),
        )
        if wait:
            form.add_error(
                None,
                _(
                    "Too many reset requests. Try again in %(minutes)d minutes; a "
                    "link already sent still works."
                )
                % {"minutes": max(1, round(wait / 60))},
            )
            response = self.render_to_response(
                self.get_context_data(form=form), status=429
            )
            return _refused(response, wait)
        return super().form_valid(form)


class ObtainTokenView(APIView):
    """``POST {"username": e-mail, "password": …, "otp"?, "name"?}`` → ``{"token": …}``."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        tags=["auth"],
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer},
    )
    def post(self, request, *args, **kwargs):
        from hub.tokens import api_token_create

        data = request.data if hasattr(request.data, "get") else {}
        username = str(data.get("username", ""))[:254]
        address = client_address(request)
        left = throttling.locked_for(username=username, address=address)
        if left:
            return Response(
                {"message": lockout_message(left), "errors": {}},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(left)},
            )
        serializer = TokenRequestSerializer(
            data=request.data, context={"request": request}
        )
        if not serializer.is_valid():
            if username and serializer.counts_as_failure:
                throttling.record_failure(username=username, address=address)
            serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        throttling.record_success(username=user.email, address=address)
        token, secret = api_token_create(
            user=user, name=serializer.validated_data.get("name") or _("API client")
        )
        return Response(
            TokenResponseSerializer(
                {"token": secret, "name": token.name, "expires_at": token.expires_at}
            ).data
        )
