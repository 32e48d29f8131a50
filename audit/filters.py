"""Filters of the audit log, shared by the viewer, its CSV and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry


class AuditFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        method="filter_actor",
        label=_("Who"),
        help_text=_("A person's e-mail address or account id."),
    )
    object = django_filters.CharFilter(
        method="filter_object",
        label=_("Object"),
        help_text=_(
            "An object type (tickets.ticket) or one object (tickets.ticket:42)."
        ),
    )
    since = django_filters.DateTimeFilter(
        field_name="created_at",
        lookup_expr="gte",
        label=_("Since"),
        help_text=_("Date or date and time (e.g. 2026-03-01 or 2026-03-01T09:00)."),
    )
    action = django_filters.CharFilter(
        field_name="action",
        lookup_expr="startswith",
        label=_("Action"),
        help_text=_("An action or its prefix (ticket., admin.change)."),
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "object", "since", "action"]

    def filter_actor(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(actor_id=int(value))
        return queryset.filter(
            Q(actor__email__iexact=value) | Q(actor_label__iexact=value)
        )

    def filter_object(self, queryset, name, value):
        kind, _sep, pk = value.strip().lower().partition(":")
        queryset = queryset.filter(object_type=kind)
        return queryset.filter(object_id=pk) if pk else queryset
