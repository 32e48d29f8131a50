"""Reads of tickets with the caller's permissions applied, one module per page or
part that uses them:

- ``visible``: which tickets a person may see, a filtered list's kept count, tag
  names for rows;
- ``queue``: the staff queue's tickets and their order (open work by default);
- ``queue_views``: the queue's sidebar views with their counts, saved views and
  the filters as chips;
- ``list_page``: what ``/tickets/`` shows (the queue, or a network's tickets);
- ``neighbours``: previous / next ticket within a queue view;
- ``ticket``: one ticket's parts (conversation, files, history, the network);
- ``page``: one ticket's page as one read (``ticket_page``);
- ``home_figures``: the home page's counts; ``export``: the queue as CSV rows.

The names other modules use are imported here.
"""

from tickets.selectors.export import EXPORT_HEADER, ticket_export_rows  # noqa: F401
from tickets.selectors.home_figures import (  # noqa: F401
    home_counts_for_networks,
    queue_health,
)
from tickets.selectors.list_page import (  # noqa: F401
    PAGE_SIZES,
    queue_page,
    ticket_list_page,
)
from tickets.selectors.neighbours import ticket_neighbours  # noqa: F401
from tickets.selectors.page import ticket_page  # noqa: F401
from tickets.selectors.queue import queue_tickets  # noqa: F401
from tickets.selectors.queue_views import (  # noqa: F401
    own_saved_view,
    queue_view_counts,
    saved_views,
)
from tickets.selectors.ticket import (  # noqa: F401
    attachment_get,
    latest_message_id,
    network_context,
    staff_assignee,
    ticket_attachments,
    ticket_get,
    ticket_history,
    ticket_messages,
)
from tickets.selectors.visible import (  # noqa: F401
    list_count_cache,
    list_count_key,
    ticket_list,
    visible_tickets,
)
