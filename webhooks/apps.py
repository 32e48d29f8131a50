from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Webhooks out: signed JSON POSTs to endpoints staff register."""

    name = "webhooks"
    verbose_name = _("Webhooks")
