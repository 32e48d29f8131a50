"""Ticket queries that differ by database, beside the model: the one place the
tickets app branches on the dialect (``faq.search`` decides which it is)."""

from django.db import models
from django.db.models import Q


class TicketQuerySet(models.QuerySet):
    def matching_text(self, value: str) -> "TicketQuerySet":
        """Tickets whose reference, subject or description contain ``value``; on
        PostgreSQL also a subject word within typo distance, as the knowledge base's
        search has it (``faq.search``: the same pg_trgm word-similarity threshold,
        set per session), so the subject's trigram index finds "payot" for
        "payout"."""
        from faq.search import using_postgres

        condition = (
            Q(reference__icontains=value)
            | Q(subject__icontains=value)
            | Q(description__icontains=value)
        )
        if using_postgres():
            condition |= Q(subject__trigram_word_similar=value)
        return self.filter(condition)
