"""Reads of the recurring questions page and the product feedback board."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from insights.models import FeedbackItem, RecurringGroup
from tickets.models import Ticket

FEEDBACK_KINDS = (Ticket.Kind.FEEDBACK, Ticket.Kind.FEATURE_REQUEST)


def recurring_group_list(*, limit: int = 50) -> QuerySet[RecurringGroup]:
    return RecurringGroup.objects.select_related(
        "article", "draft_article", "typical_ticket"
    ).order_by("-size", "-network_count", "id")[:limit]


API_REFERENCES = 100


def recurring_references(*, group_ids, per_group: int = API_REFERENCES) -> dict:
    """{group id: references of its ``per_group`` newest tickets (highest
    references first)}: two queries, a window function over the link table, then
    the references."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    link = RecurringGroup.tickets.through
    rows = list(
        link.objects.filter(recurringgroup_id__in=list(group_ids))
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=[F("recurringgroup_id")],
                order_by=[F("ticket_id").desc()],
            )
        )
        .filter(position__lte=per_group)
        .values_list("recurringgroup_id", "ticket_id")
    )
    names = dict(
        Ticket.objects.filter(pk__in=[t for _g, t in rows]).values_list(
            "id", "reference"
        )
    )
    references: dict[int, list[str]] = {pk: [] for pk in group_ids}
    for group_id, ticket_id in sorted(rows, key=lambda r: (r[0], -r[1])):
        references[group_id].append(names[ticket_id])
    return references


def feedback_items(
    *, filters=None, limit: int | None = None, queryset=None
) -> list[FeedbackItem]:
    """Board items, each with ``ticket_count`` and ``network_count`` (networks
    asking): two queries, the counts from the link table by item. ``queryset``:
    items already filtered (the API's filter backend)."""
    from insights.filters import FeedbackFilter

    qs = FeedbackItem.objects.all() if queryset is None else queryset
    qs = qs.select_related("area")
    if filters is not None:
        qs = FeedbackFilter(filters, queryset=qs).qs
    qs = qs.order_by("area__name", "-updated_at", "id")
    items = list(qs[:limit] if limit else qs)
    link = FeedbackItem.tickets.through
    counts = {
        row["feedbackitem_id"]: row
        for row in link.objects.filter(feedbackitem_id__in=[i.pk for i in items])
        .values("feedbackitem_id")
        .annotate(
            tickets=Count("ticket_id"),
            networks=Count("ticket__network_id", distinct=True),
        )
    }
    for item in items:
        row = counts.get(item.pk, {})
        item.ticket_count = row.get("tickets", 0)
        item.network_count = row.get("networks", 0)
    items.sort(key=lambda i: (i.area.name if i.area else "~", -i.network_count))
    return items


def unsorted_feedback(*, limit: int = 50) -> QuerySet[Ticket]:
    """Feedback and feature-request tickets not yet on the board, newest first."""
    linked = FeedbackItem.tickets.through.objects.filter(ticket_id=OuterRef("pk"))
    return (
        Ticket.objects.filter(kind__in=FEEDBACK_KINDS)
        .filter(~Exists(linked))
        .select_related("network")
        .order_by("-created_at", "-id")[:limit]
    )


def feedback_summary() -> dict:
    return FeedbackItem.objects.aggregate(
        total=Count("id"),
        open=Count(
            "id",
            filter=~Q(
                status__in=[FeedbackItem.Status.SHIPPED, FeedbackItem.Status.DECLINED]
            ),
        ),
    )


def feedback_board(*, filters=None, limit: int = 200) -> dict:
    """The feedback board as one read: the filtered items grouped by product area
    (in the board's order), the feedback tickets not yet on it and the totals
    (the view adds the forms)."""
    areas: dict = {}
    for item in feedback_items(filters=filters, limit=limit):
        areas.setdefault(item.area, []).append(item)
    return {
        "areas": list(areas.items()),
        "unsorted": list(unsorted_feedback()),
        "summary": feedback_summary(),
    }


def feedback_status_recipients(*, item: FeedbackItem) -> QuerySet:
    """Who hears about an item's status change: the active people who filed one of
    its tickets and still belong to that ticket's network (someone who left the
    network, or was removed, hears nothing more about its feedback)."""
    from django.contrib.auth import get_user_model

    still_asking = Ticket.objects.filter(
        feedback_items=item,
        requester=OuterRef("pk"),
        network__memberships__user=OuterRef("pk"),
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Exists(still_asking))
        .order_by("pk")
    )


def feedback_status_audience(*, item: FeedbackItem) -> dict:
    """Who a status change of ``item`` e-mails, for the confirmation step: the
    number of people (``feedback_status_recipients``) and their networks' names."""
    from hub.models import CreatorNetwork

    people = feedback_status_recipients(item=item)
    networks = (
        CreatorNetwork.objects.filter(
            tickets__feedback_items=item, tickets__requester__in=people
        )
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return {"people": people.count(), "networks": list(networks)}


def feedback_status_warnings(*, item: FeedbackItem, status: str) -> list[str]:
    """What the board says before a status change, which e-mails the networks
    asking: who is told. A change (any new status) is confirmed first, on the board
    and over the API (``"confirm": true``); keeping the status with a new note, or a
    status the service refuses, has none."""
    if status == item.status or status not in FeedbackItem.Status.values:
        return []
    audience = feedback_status_audience(item=item)
    if not audience["people"]:
        return [_("Nobody is e-mailed: no network asking still has a requester in it.")]
    return [
        ngettext(
            "%(n)s person who asked will be e-mailed (%(networks)s).",
            "%(n)s people who asked will be e-mailed (%(networks)s).",
            audience["people"],
        )
        % {"n": audience["people"], "networks": ", ".join(audience["networks"])}
    ]
