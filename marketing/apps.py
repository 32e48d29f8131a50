from django.apps import AppConfig


class MarketingConfig(AppConfig):
    """Marketing support: events, content engagement, the brand kit (SPEC §6)."""

    name = "marketing"
    verbose_name = "Marketing"

    def ready(self) -> None:
        # the digest sections, the home panel and the e-mail builders register
        from marketing import digest, home, messages  # noqa: F401
