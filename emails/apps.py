from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmailsConfig(AppConfig):
    """The one delivery ledger: every per-recipient e-mail is a row claimed,
    sent and marked here."""

    name = "emails"
    verbose_name = _("E-mail deliveries")
