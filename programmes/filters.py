"""Filters shared by the portal and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from programmes.models import FeatureTest


class FeatureTestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=FeatureTest.Status.choices)
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Feature")
    )

    class Meta:
        model = FeatureTest
        fields = ["status", "q"]
