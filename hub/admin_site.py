"""The admin site: Django's, signed into through the hub's throttled sign-in.

``/admin/login/`` is ``hub.auth_views.AdminLoginView``: the same lockouts as
``/accounts/login/`` and the same second factor; a session that still owes its
second factor has no admin permission at all.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class HubAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Creator Network Support Hub")
    site_title = gettext_lazy("Hub admin")
    index_title = gettext_lazy("Knowledge base, networks and settings")

    def has_permission(self, request) -> bool:
        from hub import two_factor

        return super().has_permission(request) and two_factor.session_satisfied(request)

    def login(self, request, extra_context=None):
        from hub.auth_views import AdminLoginView
        from hub.forms import AdminEmailAuthenticationForm

        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if (
            REDIRECT_FIELD_NAME not in request.GET
            and REDIRECT_FIELD_NAME not in request.POST
        ):
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return AdminLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminEmailAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)
