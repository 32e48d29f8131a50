from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from hub.api.serializers import NetworkSerializer
from hub.filters import NetworkFilter
from hub.selectors import network_list


@extend_schema(tags=["networks"])
class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Creator networks: staff see every network, a member sees their own."""

    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter
    lookup_field = "slug"
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return network_list(user=self.request.user)
