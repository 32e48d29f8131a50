"""Per-row helpers for the ticket lists (a Python tag instead of an include per row)."""

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

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


_PRIORITY_CLASSES = {"urgent": "badge-danger", "high": "badge-warn"}


@register.simple_tag
def ticket_badges(ticket) -> str:
    """The same markup as ``tickets/includes/badges.html`` (status and priority)."""
    return format_html(
        '<span class="badge status-{}">{}</span>\n<span class="badge {}">{}</span>',
        ticket.status,
        ticket.get_status_display(),
        _PRIORITY_CLASSES.get(ticket.priority, ""),
        ticket.get_priority_display(),
    )


def _time(value, text: str) -> str:
    # isoformat() is what the "c" date format gives, without the format parser
    return format_html(
        '<time datetime="{}">{}</time>', timezone.localtime(value).isoformat(), text
    )


def _minutes(value) -> str:
    """``Y-m-d H:i`` in the current time zone."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.simple_tag
def queue_row(ticket) -> str:
    """One row of the staff queue, rendered in Python: with 25–100 rows this loop
    was most of the queue's template time. Same markup as the template it replaced."""
    sla = sla_badge(ticket.sla_state)
    if ticket.sla_due_at:
        sla += format_html(
            '<br><small class="muted">{}</small>',
            _time(ticket.sla_due_at, _minutes(ticket.sla_due_at)),
        )
    tags = format_html_join(
        "", '<span class="badge">{}</span> ', ((tag.name,) for tag in ticket.tags.all())
    )
    return format_html(
        '<tr class="priority-{priority}">\n'
        '      <td><input type="checkbox" name="tickets" value="{ref}" '
        'aria-label="{select}"></td>\n'
        '      <td><a href="{url}">{ref}</a></td>\n'
        '      <td>{subject}<br><small class="muted">{kind}</small></td>\n'
        "      <td>{network}</td>\n"
        '      <td><span class="badge status-{status}">{status_label}</span></td>\n'
        '      <td><span class="badge {priority_class}">{priority_label}</span></td>\n'
        "      <td>{sla}</td>\n"
        "      <td>{category}</td>\n"
        "      <td>{assignee}</td>\n"
        "      <td>{tags}</td>\n"
        "      <td>{created}</td>\n"
        "      <td>{updated}</td>\n"
        "    </tr>",
        priority=ticket.priority,
        ref=ticket.reference,
        select=_("Select %(ref)s") % {"ref": ticket.reference},
        url=ticket.get_absolute_url(),
        subject=ticket.subject,
        kind=ticket.get_kind_display(),
        network=ticket.network.name,
        status=ticket.status,
        status_label=ticket.get_status_display(),
        priority_class=_PRIORITY_CLASSES.get(ticket.priority, ""),
        priority_label=ticket.get_priority_display(),
        sla=sla,
        category=ticket.category or "—",
        assignee=ticket.assignee or "—",
        tags=tags,
        created=_time(ticket.created_at, _minutes(ticket.created_at)),
        updated=_time(ticket.updated_at, timesince(ticket.updated_at)),
    )


@register.simple_tag
def ticket_row(ticket, show_network: bool) -> str:
    """One row of a network's ticket list, rendered in Python like ``queue_row``."""
    network = format_html("<td>{}</td>", ticket.network.name) if show_network else ""
    return format_html(
        "<tr>\n"
        '      <td><a href="{url}">{ref}</a></td>\n'
        "      <td>{subject}</td>\n"
        "      {network}\n"
        "      <td>{badges}</td>\n"
        "      <td>{category}</td>\n"
        "      <td>{requester}</td>\n"
        "      <td>{updated}</td>\n"
        "    </tr>",
        url=ticket.get_absolute_url(),
        ref=ticket.reference,
        subject=ticket.subject,
        network=network,
        badges=ticket_badges(ticket),
        category=ticket.category or "—",
        requester=ticket.requester or "—",
        updated=_time(ticket.updated_at, timesince(ticket.updated_at)),
    )
