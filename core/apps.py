from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared infrastructure every app may use: caching, periods, charts, CSV,
    claims, the Jinja2 environment. It owns no domain and imports no app."""

    name = "core"
    verbose_name = _("Shared infrastructure")
