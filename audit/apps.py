from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # After django.contrib.admin's autodiscover (earlier in INSTALLED_APPS):
        # every registered model admin records its add/change/delete.
        from django.contrib import admin

        from audit.admin_hook import audit_every_model_admin

        audit_every_model_admin(admin.site)
