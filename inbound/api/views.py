"""``/api/v1/inbound/``: staff list unrouted and quarantined e-mail and file or
reject it (the same services as the admin's buttons)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hub.api.permissions import IsStaffMember
from hub.models import CreatorNetwork
from inbound import selectors, services
from inbound.api.serializers import (
    AssignSerializer,
    InboundMessageSerializer,
    RejectSerializer,
)
from inbound.filters import InboundMessageFilter


@extend_schema(tags=["inbound e-mail"])
class InboundMessageViewSet(viewsets.ReadOnlyModelViewSet):
    """Messages that reached the support mailbox. Without ``?status=`` the list
    shows what needs review (unrouted and quarantined), newest first."""

    permission_classes = [IsStaffMember]
    serializer_class = InboundMessageSerializer
    filterset_class = InboundMessageFilter
    search_fields = ("subject", "sender")
    ordering_fields = ["received_at"]

    def get_queryset(self):
        if self.action == "list" and "status" not in self.request.query_params:
            return selectors.review_queue().select_related("ticket")
        return selectors.inbound_list()

    @extend_schema(request=AssignSerializer, responses=InboundMessageSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """File the message as a new ticket in ``network``."""
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        network = get_object_or_404(CreatorNetwork, slug=data.validated_data["network"])
        inbound = self.get_object()
        services.inbound_assign(inbound=inbound, actor=request.user, network=network)
        inbound.refresh_from_db()
        return Response(InboundMessageSerializer(inbound).data)

    @extend_schema(request=RejectSerializer, responses=InboundMessageSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        inbound = services.inbound_reject(
            inbound=self.get_object(),
            actor=request.user,
            reason=data.validated_data["reason"],
        )
        return Response(InboundMessageSerializer(inbound).data)
