"""The one ticket FilterSet, shared by the portal and the API."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from hub import permissions as access
from hub.models import User
from tickets import sla
from tickets.models import Category, Tag, Ticket

STAFF_ONLY_FILTERS = ("assignee", "unassigned", "tag", "mine", "sla_state")


def _networks(request):
    if request is None:
        from hub.models import CreatorNetwork

        return CreatorNetwork.objects.none()
    return access.visible_networks(request.user).order_by("name")


def _staff(request):
    return User.objects.filter(is_staff=True, is_active=True).order_by("email")


class TicketOrdering(django_filters.OrderingFilter):
    """Sort keys; ``priority`` sorts by urgency, not alphabetically."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        param = param[1:] if descending else param
        field = self.param_map.get(param, param)
        if field == "priority":
            field = "priority_rank"
        if field == "sla_due_at":  # tickets without a running clock sort last
            expression = F(field)
            return (
                expression.desc(nulls_last=True)
                if descending
                else expression.asc(nulls_last=True)
            )
        return f"-{field}" if descending else field

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-id")
        return qs


class TicketFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Search"),
        help_text=_("Reference, subject or text"),
    )
    status = django_filters.MultipleChoiceFilter(choices=Ticket.Status.choices)
    priority = django_filters.MultipleChoiceFilter(choices=Ticket.Priority.choices)
    kind = django_filters.ChoiceFilter(choices=Ticket.Kind.choices)
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug"
    )
    network = django_filters.ModelChoiceFilter(queryset=_networks, to_field_name="slug")
    assignee = django_filters.ModelChoiceFilter(queryset=_staff, label=_("Assignee"))
    unassigned = django_filters.BooleanFilter(
        field_name="assignee", lookup_expr="isnull", label=_("Unassigned")
    )
    tag = django_filters.ModelChoiceFilter(
        field_name="tags",
        queryset=Tag.objects.all(),
        to_field_name="name",
        label=_("Tag"),
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Mine"))
    sla_state = django_filters.MultipleChoiceFilter(
        choices=sla.State.CHOICES, method="filter_sla_state", label=_("SLA")
    )
    ordering = TicketOrdering(
        fields=(
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
            ("priority", "priority"),
            ("status", "status"),
            ("reference", "id"),
            ("sla_due_at", "sla_due"),
        ),
        label=_("Sort"),
    )

    class Meta:
        model = Ticket
        fields = [
            "q",
            "status",
            "priority",
            "kind",
            "category",
            "network",
            "assignee",
            "unassigned",
            "tag",
            "mine",
            "sla_state",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if not access.is_staff_member(user):
            for name in STAFF_ONLY_FILTERS:
                self.filters.pop(name, None)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(subject__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        if value:
            return queryset.filter(assignee=user)
        return queryset.exclude(assignee=user)

    def filter_sla_state(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for state in value:
            condition |= sla.state_filter(state)
        return queryset.filter(condition)
