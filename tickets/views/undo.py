"""Undo of a bulk status change: what the queue offers for ``UNDO_SECONDS``.

The bulk view keeps the tickets' statuses from before the change (and the version
the change left each at) in the session; the queue shows an Undo button while the
offer lasts; ``ticket_bulk_undo_view`` gives them to ``tickets_bulk_restore``, which
leaves alone any ticket someone changed since.
"""

from __future__ import annotations

import time
import uuid

from django.contrib import messages
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hub.decorators import staff_required
from tickets import services

UNDO_SECONDS = 5 * 60
SESSION_KEY = "tickets_bulk_undo"


def bulk_undo_remember(request, tickets) -> None:
    """After a bulk status change: each changed ticket's previous status."""
    before = {
        str(t.pk): [t.status_before, t.version]
        for t in tickets
        if getattr(t, "status_before", t.status) != t.status
    }
    if not before:
        request.session.pop(SESSION_KEY, None)
        return
    request.session[SESSION_KEY] = {
        "token": uuid.uuid4().hex,
        "until": time.time() + UNDO_SECONDS,
        "before": before,
    }


def bulk_undo_offer(request) -> dict | None:
    """``{"token", "count"}`` while the last bulk change may still be undone."""
    offer = request.session.get(SESSION_KEY)
    if not offer or offer.get("until", 0) < time.time():
        return None
    return {"token": offer["token"], "count": len(offer["before"])}


@staff_required
@require_POST
def ticket_bulk_undo_view(request):
    offer = request.session.get(SESSION_KEY)
    if (
        not offer
        or offer.get("token") != request.POST.get("token")
        or offer.get("until", 0) < time.time()
    ):
        messages.error(request, _expired())
        return _back(request)
    del request.session[SESSION_KEY]
    before = {
        int(pk): (status, version) for pk, (status, version) in offer["before"].items()
    }
    restored, skipped = services.tickets_bulk_restore(actor=request.user, before=before)
    messages.success(
        request,
        ngettext(
            "%(n)s ticket is back to its previous status.",
            "%(n)s tickets are back to their previous status.",
            len(restored),
        )
        % {"n": len(restored)},
    )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(n)s ticket was changed since and was left as it is: %(refs)s.",
                "%(n)s tickets were changed since and were left as they are: %(refs)s.",
                len(skipped),
            )
            % {"n": len(skipped), "refs": ", ".join(t.reference for t in skipped)},
        )
    return _back(request)


def _expired() -> str:
    from django.utils.translation import gettext

    return gettext("That change can no longer be undone.")


def _back(request):
    from tickets.views.work import _back_to_queue

    return _back_to_queue(request)
