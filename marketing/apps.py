from django.apps import AppConfig


class MarketingConfig(AppConfig):
    """Marketing support: events, content engagement, the brand kit (SPEC §6)."""

    name = "marketing"
    verbose_name = "Marketing"

    def ready(self) -> None:
        # the portal-home panel and the e-mail builders register themselves
        from marketing import home, messages  # noqa: F401
