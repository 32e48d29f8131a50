from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboundConfig(AppConfig):
    """E-mail in: messages from the support mailbox become tickets or replies."""

    name = "inbound"
    verbose_name = _("Inbound e-mail")
