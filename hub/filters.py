import django_filters

from hub.models import CreatorNetwork


class NetworkFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", label="Region code")
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label="Name"
    )

    class Meta:
        model = CreatorNetwork
        fields = ["region", "tier", "status", "manager", "q"]
