from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = "Insights: weekly update, recurring questions, feedback"

    def ready(self) -> None:
        from insights import home  # noqa: F401 - registers the portal-home panels
