"""Every write to tickets goes through these services (see each module).

``core``: create, reply, note, assign, status, triage; ``bulk``: many tickets at
once; ``work``: canned replies, saved views, satisfaction; ``sweep``: SLA warnings
and breaches (beat). ``base`` holds the shared validation and history helpers.
"""

from tickets.services.base import (
    MAX_BODY,
    MAX_SUBJECT,
    MAX_TAGS,
    UNSET,
    ReplyCollisionError,
    _field_error,
    changes_since,
)
from tickets.services.bulk import tickets_bulk_restore, tickets_bulk_update
from tickets.services.core import (
    network_for_new_ticket,
    ticket_add_note,
    ticket_assign,
    ticket_create,
    ticket_reply,
    ticket_set_status,
    ticket_update,
)
from tickets.services.seen import ticket_mark_seen
from tickets.services.sweep import sla_sweep
from tickets.services.work import (
    canned_reply_render,
    satisfaction_rate,
    saved_view_create,
    saved_view_delete,
    ticket_presence_beat,
)

__all__ = [
    "MAX_BODY",
    "MAX_SUBJECT",
    "MAX_TAGS",
    "UNSET",
    "ReplyCollisionError",
    "_field_error",
    "canned_reply_render",
    "changes_since",
    "network_for_new_ticket",
    "satisfaction_rate",
    "saved_view_create",
    "saved_view_delete",
    "sla_sweep",
    "ticket_add_note",
    "ticket_assign",
    "ticket_create",
    "ticket_reply",
    "ticket_mark_seen",
    "ticket_presence_beat",
    "ticket_set_status",
    "ticket_update",
    "tickets_bulk_restore",
    "tickets_bulk_update",
]
