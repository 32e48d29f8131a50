"""Per-row helpers for the ticket lists (a Python tag instead of an include per row).

With 25–100 rows a template (or even ``format_html``, whose lazy-string checks run
for every value) per row was most of a list page's time; these build the same markup
with f-strings, escaping every value with ``html.escape`` (what Django's ``escape``
does). ``tests/tickets/test_ticket_tags.py`` pins the markup and the escaping.
"""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from tickets.models import Ticket
from tickets.sla import State

register = template.Library()

_CLASSES = {State.BREACHED: " badge-danger", State.DUE_SOON: " badge-warn"}
_PRIORITY_CLASSES = {"urgent": "badge-danger", "high": "badge-warn"}
_STATUS_LABELS = dict(Ticket.Status.choices)
_PRIORITY_LABELS = dict(Ticket.Priority.choices)
_KIND_LABELS = dict(Ticket.Kind.choices)


def _e(value) -> str:
    return escape(str(value))


def _label(labels: dict, value) -> str:
    """``get_FOO_display()``: the choice's label, else the stored value."""
    return _e(labels.get(value, value))


def _sla_badge(state: str | None) -> str:
    if not state:
        return ""
    return (
        f'<span class="badge sla-{_e(state)}{_CLASSES.get(state, "")}">'
        f"{_e(State.LABELS.get(state, ''))}</span>"
    )


@register.simple_tag
def sla_badge(state: str | None) -> str:
    """The same markup as ``tickets/includes/sla_badge.html``."""
    return mark_safe(_sla_badge(state))  # noqa: S308  # nosec B308 B703  (escaped)


def _badges(ticket) -> str:
    return (
        f'<span class="badge status-{_e(ticket.status)}">'
        f"{_label(_STATUS_LABELS, ticket.status)}</span>\n"
        f'<span class="badge {_PRIORITY_CLASSES.get(ticket.priority, "")}">'
        f"{_label(_PRIORITY_LABELS, ticket.priority)}</span>"
    )


@register.simple_tag
def ticket_badges(ticket) -> str:
    """The same markup as ``tickets/includes/badges.html`` (status and priority)."""
    return mark_safe(_badges(ticket))  # noqa: S308  # nosec B308 B703  (escaped)


def _time(value, text: str) -> str:
    # isoformat() is what the "c" date format gives, without the format parser
    return (
        f'<time datetime="{_e(timezone.localtime(value).isoformat())}">'
        f"{_e(text)}</time>"
    )


def _minutes(value) -> str:
    """``Y-m-d H:i`` in the current time zone."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _or_dash(value) -> str:
    return _e(value) if value else "—"


@register.simple_tag
def queue_row(ticket) -> str:
    """One row of the staff queue."""
    sla = _sla_badge(ticket.sla_state)
    if ticket.sla_due_at:
        sla += (
            '<br><small class="muted">'
            f"{_time(ticket.sla_due_at, _minutes(ticket.sla_due_at))}</small>"
        )
    ref = _e(ticket.reference)
    select = _e(_("Select %(ref)s") % {"ref": ticket.reference})
    names = getattr(ticket, "tag_names", None)  # selectors.attach_tag_names
    if names is None:
        names = [tag.name for tag in ticket.tags.all()]
    tags = "".join(f'<span class="badge">{_e(name)}</span> ' for name in names)
    row = (
        f'<tr class="priority-{_e(ticket.priority)}">\n'
        f'      <td><input type="checkbox" name="tickets" value="{ref}" '
        f'aria-label="{select}"></td>\n'
        f'      <td><a href="{_e(ticket.get_absolute_url())}">{ref}</a></td>\n'
        f'      <td>{_e(ticket.subject)}<br><small class="muted">'
        f"{_label(_KIND_LABELS, ticket.kind)}</small></td>\n"
        f"      <td>{_e(ticket.network.name)}</td>\n"
        f'      <td><span class="badge status-{_e(ticket.status)}">'
        f"{_label(_STATUS_LABELS, ticket.status)}</span></td>\n"
        f'      <td><span class="badge {_PRIORITY_CLASSES.get(ticket.priority, "")}">'
        f"{_label(_PRIORITY_LABELS, ticket.priority)}</span></td>\n"
        f"      <td>{sla}</td>\n"
        f"      <td>{_or_dash(ticket.category)}</td>\n"
        f"      <td>{_or_dash(ticket.assignee)}</td>\n"
        f"      <td>{tags}</td>\n"
        f"      <td>{_time(ticket.created_at, _minutes(ticket.created_at))}</td>\n"
        f"      <td>{_time(ticket.updated_at, timesince(ticket.updated_at))}</td>\n"
        "    </tr>"
    )
    return mark_safe(row)  # noqa: S308  # nosec B308 B703  (every value escaped)


@register.simple_tag
def ticket_row(ticket, show_network: bool) -> str:
    """One row of a network's ticket list."""
    network = f"<td>{_e(ticket.network.name)}</td>" if show_network else ""
    row = (
        "<tr>\n"
        f'      <td><a href="{_e(ticket.get_absolute_url())}">'
        f"{_e(ticket.reference)}</a></td>\n"
        f"      <td>{_e(ticket.subject)}</td>\n"
        f"      {network}\n"
        f"      <td>{_badges(ticket)}</td>\n"
        f"      <td>{_or_dash(ticket.category)}</td>\n"
        f"      <td>{_or_dash(ticket.requester)}</td>\n"
        f"      <td>{_time(ticket.updated_at, timesince(ticket.updated_at))}</td>\n"
        "    </tr>"
    )
    return mark_safe(row)  # noqa: S308  # nosec B308 B703  (every value escaped)
