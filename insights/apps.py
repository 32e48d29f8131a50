from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Insights: weekly update, recurring questions, feedback")

    def ready(self) -> None:
        from insights import home  # noqa: F401 - registers the portal-home panels
