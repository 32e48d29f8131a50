"""Ticket models: the ticket (``core``), its conversation (``conversation``), service standards
(``sla``) and the tools staff work with (``work``: macros, saved views, ratings)."""

from tickets.models.conversation import (
    Attachment,
    TicketChange,
    TicketMessage,
    attachment_path,
)
from tickets.models.core import (
    REFERENCE_FORMAT,
    Category,
    Tag,
    Ticket,
    reference_for,
)
from tickets.models.sla import BusinessCalendar, Holiday, SlaPolicy
from tickets.models.work import (
    CannedReply,
    SatisfactionRating,
    SavedView,
    TicketSeen,
)

__all__ = [
    "REFERENCE_FORMAT",
    "Attachment",
    "BusinessCalendar",
    "CannedReply",
    "Category",
    "Holiday",
    "SatisfactionRating",
    "SavedView",
    "SlaPolicy",
    "Tag",
    "Ticket",
    "TicketChange",
    "TicketMessage",
    "TicketSeen",
    "attachment_path",
    "reference_for",
]
