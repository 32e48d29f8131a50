"""Search across the hub from the header box (``/hub/search/?q=``): tickets,
networks, people and articles, each through its own app's reading rules, so a
person finds only what they may open.

* tickets: ``tickets.selectors.visible_tickets`` (staff: every network's; a
  network member: their networks') matched by the queue's own text search
  (``TicketFilter``'s ``q``, typo-tolerant on PostgreSQL), every status;
* networks: ``hub.selectors.network_list`` (staff: all; members: their own),
  ``NetworkFilter``'s ``q``;
* people: staff only (members do not look up other accounts), e-mail or name;
* articles: ``faq.selectors.article_search`` (drafts for staff only, audiences).
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Prefetch, Q

from hub import permissions as access

PER_GROUP = 10
MIN_QUERY = 2


@dataclass
class SearchResults:
    query: str
    tickets: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    people: list = field(default_factory=list)
    articles: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.tickets or self.networks or self.people or self.articles)


def normalise(query: str | None) -> str:
    return " ".join((query or "").split())[:200]


def global_search(*, user, query: str) -> SearchResults:
    from faq.selectors import article_search
    from hub.models import Membership, User
    from hub.selectors import network_list
    from tickets.filters import TicketFilter
    from tickets.selectors import visible_tickets

    query = normalise(query)
    results = SearchResults(query=query)
    if len(query) < MIN_QUERY:
        return results
    tickets = TicketFilter(
        {"q": query},
        queryset=visible_tickets(user).select_related("network"),
        request=SimpleNamespace(user=user),
    ).qs
    results.tickets = list(tickets.order_by("-created_at", "-id")[:PER_GROUP])
    results.networks = list(network_list(user=user, filters={"q": query})[:PER_GROUP])
    if access.is_staff_member(user):
        results.people = list(
            User.objects.filter(
                Q(email__icontains=query) | Q(display_name__icontains=query),
                is_active=True,
            )
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.select_related("network"),
                )
            )
            .order_by("email")[:PER_GROUP]
        )
    results.articles = list(article_search(user=user, query=query, limit=PER_GROUP))
    return results
