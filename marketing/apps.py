from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    """Marketing support: events, content engagement, the brand kit (SPEC §6)."""

    name = "marketing"
    verbose_name = _("Marketing")

    def ready(self) -> None:
        # the digest sections, the home panel and the e-mail builders register
        from marketing import digest, home, messages  # noqa: F401
