from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hub.api.permissions import IsManager
from hub.api.serializers import ErasureResultSerializer, NetworkSerializer
from hub.filters import NetworkFilter
from hub.selectors import network_list, person_get


@extend_schema(tags=["networks"])
class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Creator networks: staff see every network, a member sees their own."""

    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter
    lookup_field = "slug"
    ordering_fields = ["name", "created_at"]

    def get_queryset(self):
        return network_list(user=self.request.user)


@extend_schema(tags=["people"])
class PersonViewSet(viewsets.GenericViewSet):
    """People (accounts). ``POST people/{id}/erase/`` erases a network person's
    personal data: agency managers only, never staff or administrators."""

    permission_classes = [IsManager]
    serializer_class = ErasureResultSerializer

    def get_queryset(self):
        return get_user_model().objects.all()

    @extend_schema(request=None, responses=ErasureResultSerializer)
    @action(detail=True, methods=["post"])
    def erase(self, request, pk=None):
        from hub.privacy import person_erase

        person = person_get(pk=pk)
        removed = person_erase(actor=request.user, person=person)
        return Response({"id": person.pk, "erased": True, "removed": removed})
