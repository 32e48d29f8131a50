from django.apps import AppConfig


class EmailsConfig(AppConfig):
    """The one delivery ledger: every per-recipient e-mail is a row claimed,
    sent and marked here."""

    name = "emails"
    verbose_name = "E-mail deliveries"
