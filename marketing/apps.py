from django.apps import AppConfig


class MarketingConfig(AppConfig):
    """Marketing support: events, content engagement, the brand kit (SPEC §6)."""

    name = "marketing"
    verbose_name = "Marketing"

    def ready(self) -> None:
        from marketing import messages  # noqa: F401 - registers the e-mail builders
