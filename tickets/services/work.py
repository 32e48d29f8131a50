"""Canned replies, saved queue views and satisfaction ratings."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from hub import permissions as access
from tickets.history import Changes
from tickets.models import CannedReply, SatisfactionRating, SavedView, Ticket
from tickets.services.base import _field_error, _lock, _require_staff

PLACEHOLDER = re.compile(r"\{(requester_name|reference|network|agent_name)\}")
MAX_COMMENT = 2000
# Query parameters that are not filters and are not saved with a view.
NOT_SAVED = ("page", "csrfmiddlewaretoken", "name")


# --- canned replies --------------------------------------------------------------


def canned_reply_render(*, macro: CannedReply, ticket: Ticket, agent) -> str:
    """The macro's text with its placeholders filled; other braces stay as typed."""
    requester = ticket.requester
    values = {
        "requester_name": requester.get_short_name() if requester else "",
        "reference": ticket.reference or "",
        "network": ticket.network.name,
        "agent_name": agent.get_short_name() if agent else "",
    }
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], macro.body)


# --- presence ----------------------------------------------------------------------


def ticket_presence_beat(*, ticket: Ticket, user, replying: bool) -> list[dict] | None:
    """Mark ``user`` on the ticket for ``core.cache.presence_seconds()`` (viewing,
    or replying while they type) and return the other staff marked there (name,
    replying), or None when the cache cannot be reached (presence is hidden)."""
    _require_staff(user)
    import time

    from core import cache

    marks = cache.presence_mark(
        "ticket",
        ticket.pk,
        user.pk,
        {"name": str(user), "replying": bool(replying)},
        now=time.time(),
    )
    if marks is None:
        return None
    return [mark for member, mark in sorted(marks.items()) if member != user.pk]


# --- saved views -----------------------------------------------------------------


def _clean_query(query: str) -> str:
    data = QueryDict(query or "", mutable=True)
    for key in NOT_SAVED:
        data.pop(key, None)
    pairs = [(k, v) for k in sorted(data) for v in data.getlist(k) if v != ""]
    return urlencode(pairs)


@transaction.atomic
def saved_view_create(*, owner, name: str, query: str) -> SavedView:
    """Save the current queue filters as a personal view."""
    _require_staff(owner)
    name = " ".join((name or "").split())
    if not name:
        raise _field_error("name", _("Give the view a name."))
    if len(name) > 80:
        raise _field_error("name", _("A view name has at most 80 characters."))
    query = _clean_query(query)
    if len(query) > 600:
        raise _field_error("query", _("Too many filters to save in one view."))
    if SavedView.objects.filter(owner=owner, name__iexact=name).exists():
        raise _field_error(
            "name", _("You already have a view called %(name)s.") % {"name": name}
        )
    try:
        with transaction.atomic():
            return SavedView.objects.create(owner=owner, name=name, query=query)
    except IntegrityError as error:  # a concurrent save with the same name
        raise _field_error(
            "name", _("You already have a view called %(name)s.") % {"name": name}
        ) from error


@transaction.atomic
def saved_view_delete(*, actor, view: SavedView) -> None:
    """People delete their own views; shared views are managed in the admin."""
    if view.owner_id is None:
        raise PermissionDeniedError(_("Shared views are managed in the admin."))
    if view.owner_id != getattr(actor, "pk", None):
        raise NotFoundError(_("Not found."))
    view.delete()


# --- satisfaction ------------------------------------------------------------------


def edit_window() -> timedelta:
    return timedelta(days=getattr(settings, "HUB_SATISFACTION_EDIT_DAYS", 7))


def may_rate(user, ticket: Ticket) -> bool:
    """The requester or any member of the ticket's network; never staff as such."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return ticket.network_id in access.network_ids(user)


def rating_editable(rating: SatisfactionRating | None, now=None) -> bool:
    return rating is None or (now or timezone.now()) < rating.created_at + edit_window()


@transaction.atomic
def satisfaction_rate(
    *, ticket: Ticket, user, score: int, comment: str = ""
) -> SatisfactionRating:
    """Rate a solved ticket 1–5; the rating can be changed for 7 days after the
    first one, by the requester or another member of the ticket's network."""
    if not may_rate(user, ticket):
        if access.is_staff_member(user):
            raise PermissionDeniedError(
                _("Only the network that asked can rate a ticket.")
            )
        raise NotFoundError(_("Not found."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise _field_error("score", _("Choose a rating from 1 to 5."))
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise _field_error(
            "comment",
            _("The comment is too long (at most %(n)s characters).")
            % {"n": MAX_COMMENT},
        )
    ticket = _lock(ticket)
    if ticket.status not in (Ticket.Status.SOLVED, Ticket.Status.CLOSED):
        raise ApplicationError(_("You can rate a ticket once it is solved."))
    now = timezone.now()
    rating = SatisfactionRating.objects.filter(ticket=ticket).first()
    if not rating_editable(rating, now):
        raise ApplicationError(
            _("Ratings can be changed for %(days)s days; this one is final.")
            % {"days": edit_window().days}
        )
    old = str(rating.score) if rating else ""
    if rating is None:
        rating = SatisfactionRating(ticket=ticket, created_at=now)
    rating.score, rating.comment, rating.rated_by = score, comment, user
    rating.updated_at = now
    rating.save()
    changes = Changes(ticket, user)
    changes.add("satisfaction", old, str(score))
    changes.save(touch=False)
    return rating
