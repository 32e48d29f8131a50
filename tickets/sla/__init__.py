"""SLA clocks on a ticket: due times, pauses and breaches, computed at write time.

The services call these hooks on a locked ticket instance and save it; nothing is
computed per row on read. Three targets run per ticket, each in business time of the
policy's calendar (see ``tickets.business_time`` for time zones and DST):

* ``first_response``: from creation until the first public staff reply;
* ``next_response``: from a network reply (after the first response) until the next
  public staff reply;
* ``resolution``: from creation until solved.

The clock pauses while the ticket is pending (waiting on the network) or solved: the
business time left per running target is kept in ``sla_remaining`` and, on resume,
``due = add_business_time(calendar, resume, remaining)``. ``sla_paused_seconds`` adds
up the business time spent paused, so a priority change can recompute
``due = add_business_time(calendar, created_at, target + paused)`` exactly.
A target met late (or passed by the sweep) sets ``<target>_breached_at`` and
``sla_breached_at``; a breach stays on the ticket.

The engine in three parts: ``clocks`` (the hooks above and ``replay``),
``policies`` (which policy applies, its calendar loaded: the database side) and
``states`` (the state a ticket's stored fields give, in Python and as a ``Q``).
The names other modules use are imported here.
"""

from tickets.sla.clocks import (  # noqa: F401
    TARGETS,
    on_network_reply,
    on_priority_change,
    on_staff_reply,
    on_status_change,
    replay,
    start,
)
from tickets.sla.policies import policies_with_calendars  # noqa: F401
from tickets.sla.states import State, state_filter, state_of, time_left  # noqa: F401
