"""The status workflow: which moves are possible (pure, no database)."""

from tickets.models import Ticket

S = Ticket.Status

# new: nobody has looked yet; pending: waiting on the network; on hold: waiting on a
# third party; solved: the network may still reopen it by replying; closed: final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED, S.CLOSED}),
    S.OPEN: frozenset({S.PENDING, S.ON_HOLD, S.SOLVED, S.CLOSED}),
    S.PENDING: frozenset({S.OPEN, S.ON_HOLD, S.SOLVED, S.CLOSED}),
    S.ON_HOLD: frozenset({S.OPEN, S.PENDING, S.SOLVED, S.CLOSED}),
    S.SOLVED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Statuses staff may pick in the same step as a public reply.
REPLY_STATUSES = (S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED)

# A reply from the network on these brings the ticket back to staff.
REOPENED_BY_NETWORK_REPLY = frozenset({S.PENDING, S.SOLVED})


def can_move(old: str, new: str) -> bool:
    return old == new or new in TRANSITIONS.get(old, frozenset())


def allowed_targets(old: str) -> list[str]:
    return [old, *(s for s in S.values if s in TRANSITIONS.get(old, ()))]
