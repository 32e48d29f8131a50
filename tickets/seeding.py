"""Bulk loading of tickets (demo data and benchmarks), fast enough for 100,000.

Primary keys are taken from the table's sequence in one query per batch, so each
reference (``HUB-%06d`` of the pk) is known before the insert: no per-row queries,
no second pass, and safe alongside live traffic that draws from the same sequence.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from django.db import connection, transaction
from django.db.models import Max

from tickets.models import Ticket, TicketChange, TicketMessage, reference_for

Status = Ticket.Status


@dataclass
class MessageSpec:
    author_id: int | None
    body: str
    created_at: datetime
    internal: bool = False
    author_is_staff: bool = False


@dataclass
class TicketSpec:
    network_id: int
    requester_id: int | None
    subject: str
    description: str
    created_at: datetime
    category_id: int | None = None
    kind: str = Ticket.Kind.QUESTION
    priority: str = Ticket.Priority.NORMAL
    status: str = Status.NEW
    assignee_id: int | None = None
    channel: str = Ticket.Channel.WEB
    messages: list[MessageSpec] = field(default_factory=list)


def allocate_ticket_ids(count: int) -> list[int]:
    """``count`` fresh primary keys for tickets, in one query."""
    if count <= 0:
        return []
    table = Ticket._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                "FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    # SQLite and others (a single writer): continue after the highest id.
    start = (Ticket.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    return list(range(start, start + count))


def _ticket_row(pk: int, spec: TicketSpec) -> Ticket:
    public_staff = [m for m in spec.messages if m.author_is_staff and not m.internal]
    last = max([spec.created_at, *(m.created_at for m in spec.messages)])
    resolved = last if spec.status in (Status.SOLVED, Status.CLOSED) else None
    public = [m for m in spec.messages if not m.internal]
    from_network = [m for m in public if not m.author_is_staff]
    last_public = max(public, key=lambda m: m.created_at, default=None)
    return Ticket(
        id=pk,
        reference=reference_for(pk),
        network_id=spec.network_id,
        requester_id=spec.requester_id,
        subject=spec.subject,
        description=spec.description,
        category_id=spec.category_id,
        kind=spec.kind,
        priority=spec.priority,
        status=spec.status,
        assignee_id=spec.assignee_id,
        channel=spec.channel,
        created_at=spec.created_at,
        updated_at=last,
        first_response_at=public_staff[0].created_at if public_staff else None,
        resolved_at=resolved,
        closed_at=last if spec.status == Status.CLOSED else None,
        # the same as ``tickets.speakers`` records, from the messages given
        last_reply_at=last_public.created_at if last_public else spec.created_at,
        last_reply_by_staff=bool(last_public and last_public.author_is_staff),
        network_replied_at=max(
            [spec.created_at, *(m.created_at for m in from_network)]
        ),
    )


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def tickets_bulk_create(
    *,
    specs: Iterable[TicketSpec],
    batch_size: int = 5000,
    with_history: bool = False,
    out: Callable[[str], None] | None = None,
    total: int | None = None,
    prepare: Callable[[Ticket], None] | None = None,
) -> list[Ticket]:
    """Insert tickets with their messages; one transaction per batch.

    ``prepare`` may set more fields on each ticket before it is inserted (the demo
    seeder's SLA due times). Returns the tickets only when ``with_history`` (small
    demo sets); bulk benchmark runs return an empty list to keep memory flat.
    """
    created: list[Ticket] = []
    done = 0
    for batch in _batches(specs, batch_size):
        with transaction.atomic():
            ids = allocate_ticket_ids(len(batch))
            tickets = [
                _ticket_row(pk, spec) for pk, spec in zip(ids, batch, strict=True)
            ]
            if prepare is not None:
                for ticket in tickets:
                    prepare(ticket)
            Ticket.objects.bulk_create(tickets, batch_size=batch_size)
            messages = [
                TicketMessage(
                    ticket_id=pk,
                    author_id=m.author_id,
                    body=m.body,
                    internal=m.internal,
                    author_is_staff=m.author_is_staff,
                    created_at=m.created_at,
                )
                for pk, spec in zip(ids, batch, strict=True)
                for m in spec.messages
            ]
            TicketMessage.objects.bulk_create(messages, batch_size=batch_size)
            if with_history:
                TicketChange.objects.bulk_create(
                    TicketChange(
                        ticket_id=t.pk,
                        actor_id=t.requester_id,
                        field="created",
                        new_value=str(Status.NEW.label),
                        created_at=t.created_at,
                    )
                    for t in tickets
                )
                created.extend(tickets)
        done += len(batch)
        if out and (total is None or total > batch_size):
            out(f"tickets: {done}/{total or '?'} inserted")
    return created
