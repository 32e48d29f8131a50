"""FilterSets of the insights pages (the weekly update, the feedback board)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.forms import FastSelect
from hub.models import CreatorNetwork, Region
from insights.models import FeedbackItem, ProductArea
from tickets.models import Ticket


class WeeklyFilter(django_filters.FilterSet):
    """Narrows the tickets behind the weekly update to a region or a network."""

    region = django_filters.ModelChoiceFilter(
        field_name="network__region",
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        label=_("Region"),
        empty_label=_("All regions"),
        widget=FastSelect,
    )
    network = django_filters.ModelChoiceFilter(
        queryset=CreatorNetwork.objects.order_by("name").only("slug", "name"),
        to_field_name="slug",
        label=_("Network"),
        empty_label=_("All networks"),
        widget=FastSelect,  # hundreds of networks: no template per option
    )

    class Meta:
        model = Ticket
        fields = ["region", "network"]


class FeedbackFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FeedbackItem.Status.choices)
    area = django_filters.ModelChoiceFilter(
        queryset=ProductArea.objects.all(), to_field_name="slug", label=_("Area")
    )

    class Meta:
        model = FeedbackItem
        fields = ["status", "area"]
