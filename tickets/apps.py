from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "tickets"
    verbose_name = "Tickets"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.jinja import register_global
        from tickets import home  # noqa: F401 - registers the portal-home panel
        from tickets.models import Ticket
        from tickets.selectors import tickets_changed
        from tickets.sla import State

        post_save.connect(
            tickets_changed, sender=Ticket, dispatch_uid="tickets-changed"
        )
        post_delete.connect(
            tickets_changed, sender=Ticket, dispatch_uid="tickets-changed-delete"
        )
        # the SLA badge's words (templates/jinja2/tickets/badges.html)
        register_global("sla_label", lambda state: State.LABELS.get(state, ""))
