"""Sign-in for people (HTML) and programs (API token), both throttled."""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from hub import throttling
from hub.forms import EmailAuthenticationForm


def _lockout_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return _(
        "Too many failed sign-ins. Try again in %(minutes)d minutes, or reset your "
        "password."
    ) % {"minutes": minutes}


class LoginView(auth_views.LoginView):
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        left = throttling.locked_for(
            username=username, address=throttling.client_address(request)
        )
        if left:
            form = self.get_form()
            form.errors.clear()
            response = render(
                request,
                self.template_name,
                {**self.get_context_data(form=form), "lockout": _lockout_message(left)},
                status=429,
            )
            response["Retry-After"] = str(left)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttling.record_failure(
            username=self.request.POST.get("username", ""),
            address=throttling.client_address(self.request),
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        throttling.record_success(username=form.get_user().email)
        return super().form_valid(form)


class ObtainTokenView(ObtainAuthToken):
    """``POST {"username": e-mail, "password": …}`` → ``{"token": …}``."""

    def post(self, request, *args, **kwargs):
        username = (
            str(request.data.get("username", ""))
            if hasattr(request.data, "get")
            else ""
        )
        address = throttling.client_address(request)
        left = throttling.locked_for(username=username, address=address)
        if left:
            return Response(
                {"message": _lockout_message(left), "errors": {}},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(left)},
            )
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if username:
                throttling.record_failure(username=username, address=address)
            serializer.is_valid(raise_exception=True)
        throttling.record_success(username=username)
        return super().post(request, *args, **kwargs)
