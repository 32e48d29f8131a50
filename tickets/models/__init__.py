"""Ticket models: the ticket and its conversation (``core``), service standards
(``sla``) and the tools staff work with (``work``: macros, saved views, ratings)."""

from tickets.models.core import (
    REFERENCE_FORMAT,
    Attachment,
    Category,
    Tag,
    Ticket,
    TicketChange,
    TicketMessage,
    attachment_path,
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
