from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "tickets"
    verbose_name = _("Tickets")

    def ready(self) -> None:
        from core.jinja import register_global
        from tickets import home  # noqa: F401 - registers the portal-home panel
        from tickets.sla import State

        # the SLA badge's words (templates/jinja2/tickets/badges.html)
        register_global("sla_label", lambda state: State.LABELS.get(state, ""))
        # ``subject__trigram_word_similar`` for the queue search (``TicketFilter``)
        from django.contrib.postgres.lookups import TrigramWordSimilar

        from tickets.models import Ticket

        Ticket._meta.get_field("subject").register_lookup(TrigramWordSimilar)
