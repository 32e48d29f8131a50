from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure every app may use: caching, periods, charts, CSV,
    claims, the Jinja2 environment. It owns no domain and imports no app."""

    name = "core"
    verbose_name = "Shared infrastructure"
