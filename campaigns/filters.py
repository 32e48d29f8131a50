"""Filters shared by the portal and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, CampaignMetric
from campaigns.vocabulary import METRIC_CHOICES
from hub.models import Region


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Campaign.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Campaign.Kind.choices)
    region = django_filters.ModelChoiceFilter(
        field_name="regions",
        queryset=Region.objects.all(),
        to_field_name="code",
        label=_("Region"),
    )
    date = django_filters.DateFilter(
        method="filter_running_on",
        label=_("Running on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Name")
    )

    class Meta:
        model = Campaign
        fields = ["status", "kind", "region", "date", "q"]

    def filter_running_on(self, queryset, name, value):
        return queryset.filter(Q(start_date__lte=value) & Q(end_date__gte=value))


class CampaignMetricFilter(django_filters.FilterSet):
    network = django_filters.CharFilter(
        field_name="network__slug", label=_("Network (slug)")
    )
    metric = django_filters.ChoiceFilter(choices=METRIC_CHOICES)
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("From (YYYY-MM-DD)")
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("To (YYYY-MM-DD)")
    )

    class Meta:
        model = CampaignMetric
        fields = ["network", "metric", "date_from", "date_to"]
