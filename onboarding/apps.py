from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Onboarding and lifecycle e-mails"

    def ready(self) -> None:
        from onboarding import home, messages  # noqa: F401 - registration
