from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Product programmes")

    def ready(self) -> None:
        # the check-in request builder joins the one delivery ledger's registry
        from programmes import messages  # noqa: F401
