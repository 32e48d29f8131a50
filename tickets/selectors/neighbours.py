"""Previous and next ticket within the queue view a ticket was opened from
(``?from=<the view's query string>``): keyset queries from the ticket's place in
the view's own order (``queue.queue_tickets``).
"""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import QueryDict

from hub import permissions as access
from tickets.models import Ticket
from tickets.selectors.queue import queue_tickets


@dataclass
class Neighbours:
    """Where a ticket sits in the queue view it was opened from (``query``: that
    view's query string, carried as ``?from=``; ``None``: not opened from one)."""

    query: str | None
    previous: str | None = None  # references
    next: str | None = None


@dataclass(frozen=True)
class _Term:
    """One ORDER BY term of the queue: a field, its direction, where NULLs go."""

    name: str
    descending: bool
    nulls_last: bool

    @classmethod
    def of(cls, item) -> "_Term":
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-")
            name = "id" if name == "pk" else name
            return cls(name, descending, not descending)  # PostgreSQL's default
        name = item.expression.name  # OrderBy(F(...)), e.g. the SLA due time
        nulls_last = item.nulls_last or (not item.nulls_first and not item.descending)
        return cls(name, item.descending, bool(nulls_last))

    def reversed(self) -> "_Term":
        return _Term(self.name, not self.descending, not self.nulls_last)

    def order_by(self):
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        field = F(self.name)
        return field.desc(**nulls) if self.descending else field.asc(**nulls)


def _terms(queryset: QuerySet) -> list[_Term]:
    terms = [
        _Term.of(item) for item in queryset.query.order_by or Ticket._meta.ordering
    ]
    if not any(term.name == "id" for term in terms):
        terms.append(_Term("id", True, False))  # a total order: ties broken by id
    return terms


def _nullable(name: str) -> bool:
    try:
        return Ticket._meta.get_field(name).null
    except Exception:  # noqa: BLE001 - an annotation (priority_rank): never NULL
        return False


def _value(ticket: Ticket, name: str):
    if name == "priority_rank":  # the annotation TicketOrdering sorts priority by
        return Ticket.PRIORITY_RANK.get(ticket.priority, 0)
    return getattr(ticket, name)


def _after(terms: list[_Term], values: list) -> Q:
    """The rows that come after ``values`` in the order ``terms``: for each term,
    equal on the ones before it and strictly after on it (a keyset condition),
    plus a bound on the first term so the index can start where the ticket is."""
    nothing = Q(pk__in=[])
    after, equal = nothing, Q()
    for term, value in zip(terms, values, strict=True):
        nullable = _nullable(term.name)
        if value is None:
            strictly = (
                nothing if term.nulls_last else Q(**{f"{term.name}__isnull": False})
            )
            same = Q(**{f"{term.name}__isnull": True})
        else:
            op = "lt" if term.descending else "gt"
            strictly = Q(**{f"{term.name}__{op}": value})
            if term.nulls_last and nullable:
                strictly |= Q(**{f"{term.name}__isnull": True})
            same = Q(**{term.name: value})
        after |= equal & strictly
        equal &= same
    first, value = terms[0], values[0]
    if value is not None and not (first.nulls_last and _nullable(first.name)):
        op = "lte" if first.descending else "gte"
        after &= Q(**{f"{first.name}__{op}": value})
    return after


def _first_reference(queryset: QuerySet, condition: Q, terms: list[_Term]):
    rows = queryset.filter(condition).order_by(*(t.order_by() for t in terms))
    return next(iter(rows.values_list("reference", flat=True)[:1]), None)


def ticket_neighbours(*, user, ticket: Ticket, params, request=None) -> Neighbours:
    """The tickets just before and after ``ticket`` in the queue view ``params``
    (a query string or QueryDict; None: not opened from a view, nothing to read),
    in the view's own order: two keyset queries (``LIMIT 1`` each, walking the
    order's index from the ticket's place), so the cost does not grow with the
    view. A ticket no longer in the view (just set to pending in "Open work")
    still has the ones that were around it. Staff only (networks have no queue)."""
    if params is None or not access.is_staff_member(user):
        return Neighbours(query=None)
    if isinstance(params, str):
        params = QueryDict(params)
    queryset = queue_tickets(user=user, params=params, request=request)
    terms = _terms(queryset)
    values = [_value(ticket, term.name) for term in terms]
    backwards = [term.reversed() for term in terms]
    return Neighbours(
        query=params.urlencode(),
        previous=_first_reference(queryset, _after(backwards, values), backwards),
        next=_first_reference(queryset, _after(terms, values), terms),
    )
