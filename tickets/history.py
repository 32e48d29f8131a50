"""The audit trail: one ``TicketChange`` row per changed field."""

from django.db import transaction
from django.utils import timezone

from core import cache
from tickets.models import Ticket, TicketChange


class Changes:
    """Collects history rows for one service call."""

    def __init__(self, ticket: Ticket, actor):
        self.ticket, self.actor, self.rows = ticket, actor, []

    def add(self, field: str, old, new) -> None:
        self.rows.append(
            TicketChange(
                ticket=self.ticket,
                actor=self.actor,
                field=field,
                old_value=str(old if old is not None else "")[:400],
                new_value=str(new if new is not None else "")[:400],
            )
        )

    def as_dict(self) -> dict:
        """``{"field": [old, new]}``: the same changes, for the audit log."""
        return {row.field: [row.old_value, row.new_value] for row in self.rows}

    def audit(self, action: str) -> None:
        """Record a staff action and its changes in the audit log."""
        from audit.services import audit_record

        audit_record(
            actor=self.actor, action=action, obj=self.ticket, changes=self.as_dict()
        )

    def save(self, *, touch: bool = True) -> None:
        now = timezone.now()
        if touch:
            self.ticket.version += 1
            self.ticket.updated_at = now
        for row in self.rows:
            row.created_at = now
            row.version = self.ticket.version
        TicketChange.objects.bulk_create(self.rows)
        if touch:
            self.ticket.save()
        # every ticket service (bulk ones too) saves through here: the cached
        # counts are stale once this commits
        transaction.on_commit(cache.tickets_changed)


def label(choices, value) -> str:
    return str(choices(value).label) if value else ""
