"""Per-row helpers for the ticket lists (a Python tag instead of an include per row)."""

from django import template
from django.utils.html import format_html

from tickets.sla import State

register = template.Library()

_CLASSES = {State.BREACHED: " badge-danger", State.DUE_SOON: " badge-warn"}


@register.simple_tag
def sla_badge(state: str | None) -> str:
    """The same markup as ``tickets/includes/sla_badge.html``."""
    if not state:
        return ""
    return format_html(
        '<span class="badge sla-{}{}">{}</span>',
        state,
        _CLASSES.get(state, ""),
        State.LABELS.get(state, ""),
    )
