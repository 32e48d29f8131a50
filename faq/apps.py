from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Knowledge base"

    def ready(self) -> None:
        from faq import home  # noqa: F401 - registers the portal-home panels
