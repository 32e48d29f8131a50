from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding and lifecycle e-mails")

    def ready(self) -> None:
        from onboarding import home, messages  # noqa: F401 - registration
