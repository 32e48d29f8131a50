from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    default = True  # "hub" in INSTALLED_APPS; HubAdminConfig is named on its own
    name = "hub"
    verbose_name = _("Hub: people and networks")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from hub import checks  # noqa: F401 - registers the system checks
        from hub.roles import sync_group_permissions
        from hub.timezones import remember_on_login
        from hub.two_factor import on_login

        post_migrate.connect(sync_group_permissions, dispatch_uid="hub_sync_groups")
        user_logged_in.connect(on_login, dispatch_uid="hub_two_factor_on_login")
        user_logged_in.connect(remember_on_login, dispatch_uid="hub_time_zone_on_login")


class HubAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the hub's site: throttled sign-in, second factor."""

    default = False
    default_site = "hub.admin_site.HubAdminSite"
