"""The one ticket FilterSet, shared by the portal and the API."""

import django_filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, When
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import cache
from core.forms import FastSelect
from hub import permissions as access
from hub.models import User
from tickets import sla, speakers
from tickets.models import Category, Tag, Ticket

STAFF_ONLY_FILTERS = ("assignee", "unassigned", "tag", "mine", "sla_state", "waiting")
# sort keys whose tickets without a value sort last
_NULLS_LAST = ("sla_due_at", "network_replied_at")


class OptionalCheckbox(forms.CheckboxInput):
    """A yes-or-nothing filter as one checkbox: unticked means "no filter" (not
    "no"), so the form never shows a three-way "Unknown / Yes / No" select;
    ``?mine=false`` from the API still means "not mine"."""

    def value_from_datadict(self, data, files, name):
        if name not in data:
            return None
        return super().value_from_datadict(data, files, name)


def _networks(request):
    if request is None:
        from hub.models import CreatorNetwork

        return CreatorNetwork.objects.none()
    return access.visible_networks(request.user).order_by("name")


def _staff(request):
    return User.objects.filter(is_staff=True, is_active=True).order_by("email")


def priority_rank() -> Case:
    """Priority as a number (urgent highest), for sorting by urgency."""
    return Case(
        *(
            When(priority=value, then=rank)
            for value, rank in Ticket.PRIORITY_RANK.items()
        ),
        default=0,
        output_field=IntegerField(),
    )


def _descending(label) -> str:
    return gettext("%(label)s (descending)") % {"label": label}


class _DescendingLabel:
    """django-filter's ``descending_fmt``: a "… (descending)" label drawn in the
    reader's language when the select renders (the library's own string is
    formatted once, at import, and it ships no Indonesian or Arabic)."""

    label = staticmethod(lazy(_descending, str))

    def __mod__(self, label):
        return self.label(label)


class TicketOrdering(django_filters.OrderingFilter):
    """Sort keys; ``priority`` sorts by urgency, not alphabetically."""

    descending_fmt = _DescendingLabel()

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        param = param[1:] if descending else param
        field = self.param_map.get(param, param)
        if field == "priority":
            field = "priority_rank"
        if field in _NULLS_LAST:  # e.g. tickets without a running clock sort last
            expression = F(field)
            return (
                expression.desc(nulls_last=True)
                if descending
                else expression.asc(nulls_last=True)
            )
        return f"-{field}" if descending else field

    def filter(self, qs, value):
        if any(param.lstrip("-") == "priority" for param in value or ()):
            qs = qs.annotate(priority_rank=priority_rank())  # only when sorting by it
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "-id")
        return qs


# filter → how its options are read as (value, label) rows
CHOICE_LISTS = {
    "network": lambda qs: qs.values_list("slug", "name"),
    "category": lambda qs: qs.values_list("slug", "name"),
    "tag": lambda qs: qs.values_list("name", "name"),
    "assignee": lambda qs: (
        (pk, name or email)
        for pk, name, email in qs.values_list("pk", "display_name", "email")
    ),
}


class _Choices(BaseChoiceIterator):
    """A select's options, read only when the form is rendered (not when the API
    merely validates the filters)."""

    def __init__(self, filterset, name: str, empty_label):
        self.filterset, self.name = filterset, name
        self.empty = [] if empty_label is None else [("", empty_label)]

    def __iter__(self):
        yield from self.empty
        yield from self.filterset.choice_lists()[self.name]

    def __copy__(self):
        return self


class TicketFilter(django_filters.FilterSet):
    # multiple-choice filters on the ticket's own columns: no join, so no DISTINCT
    # (django-filter's default would SELECT DISTINCT every column of the page)
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Search"),
        help_text=_("Reference, subject or text"),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Ticket.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    priority = django_filters.MultipleChoiceFilter(
        choices=Ticket.Priority.choices,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    kind = django_filters.ChoiceFilter(choices=Ticket.Kind.choices, widget=FastSelect)
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug", widget=FastSelect
    )
    network = django_filters.ModelChoiceFilter(
        queryset=_networks, to_field_name="slug", widget=FastSelect
    )
    assignee = django_filters.ModelChoiceFilter(
        queryset=_staff, label=_("Assignee"), widget=FastSelect
    )
    unassigned = django_filters.BooleanFilter(
        field_name="assignee",
        lookup_expr="isnull",
        label=_("Unassigned"),
        widget=OptionalCheckbox,
    )
    tag = django_filters.ModelChoiceFilter(
        field_name="tags",
        queryset=Tag.objects.all(),
        to_field_name="name",
        label=_("Tag"),
        widget=FastSelect,
    )
    mine = django_filters.BooleanFilter(
        method="filter_mine", label=_("Assigned to me"), widget=OptionalCheckbox
    )
    waiting = django_filters.BooleanFilter(
        method="filter_waiting",
        label=_("Waiting on us (the network spoke last)"),
        widget=OptionalCheckbox,
    )
    sla_state = django_filters.MultipleChoiceFilter(
        choices=sla.State.CHOICES,
        method="filter_sla_state",
        label=_("SLA"),
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    ordering = TicketOrdering(
        fields=(
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
            ("priority", "priority"),
            ("status", "status"),
            ("reference", "id"),
            ("sla_due_at", "sla_due"),
            ("network_replied_at", "network_replied"),
        ),
        # the generated labels were field names ("Id", "Sla due"), in English only
        field_labels={
            "created_at": _("Created"),
            "updated_at": _("Updated"),
            "priority": _("Priority"),
            "status": _("Status"),
            "reference": _("Reference"),
            "sla_due_at": _("SLA due"),
            "network_replied_at": _("Network replied"),
        },
        label=_("Sort"),
        widget=FastSelect,
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
            "waiting",
            "sla_state",
        ]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if not access.is_staff_member(user):
            for name in STAFF_ONLY_FILTERS:
                self.filters.pop(name, None)

    @property
    def form(self):
        """The form, with the big selects' options read as plain tuples.

        Networks, assignees, categories and tags are read with one ``values_list``
        each instead of through model instances and a server-side cursor; the
        fields still validate against their querysets.
        """
        if not hasattr(self, "_form"):
            form = super().form
            for name in CHOICE_LISTS:
                field = form.fields.get(name)
                if field is not None:
                    field.widget.choices = _Choices(self, name, field.empty_label)
        return self._form

    def choice_lists(self) -> dict[str, list[tuple]]:
        """``{field: [(value, label), ...]}`` without the empty choice (memoized;
        the queue's bulk bar reuses the assignees). Staff all see the same lists
        (every network, category, tag and colleague): those are shared in
        ``core.cache.PICK_LISTS``."""
        if not hasattr(self, "_choice_lists"):
            if access.is_staff_member(getattr(self.request, "user", None)):
                self._choice_lists = cache.PICK_LISTS.get_or_compute(
                    "tickets:staff", self._read_choice_lists
                )
            else:
                self._choice_lists = self._read_choice_lists()
        return self._choice_lists

    def _read_choice_lists(self) -> dict[str, list[tuple]]:
        lists = {}
        for name, rows in CHOICE_LISTS.items():
            if name not in self.filters:
                continue
            queryset = self.filters[name].get_queryset(self.request)
            lists[name] = [(str(v), label) for v, label in rows(queryset)]
        return lists

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.matching_text(value)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        if value:
            return queryset.filter(assignee=user)
        return queryset.exclude(assignee=user)

    def filter_waiting(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(speakers.waiting_on_us_filter())
        return queryset.exclude(speakers.waiting_on_us_filter())

    def filter_sla_state(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for state in value:
            condition |= sla.state_filter(state)
        return queryset.filter(condition)
