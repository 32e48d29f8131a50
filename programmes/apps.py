from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Product programmes"

    def ready(self) -> None:
        # the check-in request builder joins the one delivery ledger's registry
        from programmes import messages  # noqa: F401
