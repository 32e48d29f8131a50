"""``/api/v1/webhooks/``: agency managers register endpoints and read their log."""

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.filters import SEARCH_PARAMETER, search_in
from hub.api.permissions import IsManager
from webhooks import selectors, services
from webhooks.api.serializers import (
    WebhookDeliverySerializer,
    WebhookEndpointInputSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointWithSecretSerializer,
)


@extend_schema(tags=["webhooks"])
class WebhookViewSet(viewsets.ModelViewSet):
    """Endpoints receive signed JSON POSTs for the events they name; see the README
    for the signature. Agency managers only."""

    permission_classes = [IsManager]
    serializer_class = WebhookEndpointSerializer
    ordering_fields = ["created_at"]
    search_fields = ("url", "description")
    http_method_names = ["get", "post", "patch", "put", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.endpoint_list()

    def _input(self, request, *, partial: bool) -> dict:
        serializer = WebhookEndpointInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointWithSecretSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = self._input(request, partial=False)
        endpoint = services.webhook_endpoint_create(
            actor=request.user,
            url=data["url"],
            events=data["events"],
            secret=data.get("secret") or None,
            description=data.get("description", ""),
        )
        return Response(
            WebhookEndpointWithSecretSerializer(endpoint).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=WebhookEndpointInputSerializer, responses=WebhookEndpointSerializer
    )
    def update(self, request, *args, **kwargs):
        data = self._input(request, partial=kwargs.get("partial", False))
        endpoint = services.webhook_endpoint_update(
            endpoint=self.get_object(),
            actor=request.user,
            url=data.get("url"),
            events=data.get("events"),
            description=data.get("description"),
            is_active=data.get("is_active"),
        )
        return Response(WebhookEndpointSerializer(endpoint).data)

    def destroy(self, request, *args, **kwargs):
        services.webhook_endpoint_delete(endpoint=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses=WebhookDeliverySerializer(many=True), parameters=[SEARCH_PARAMETER]
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        """The delivery log, newest first: status, attempts, last answer, times."""
        page = self.paginate_queryset(
            search_in(
                selectors.delivery_list(endpoint=self.get_object()),
                request,
                ("event", "last_error"),
            )
        )
        return self.get_paginated_response(
            WebhookDeliverySerializer(page, many=True).data
        )

    @extend_schema(request=None, responses=WebhookEndpointWithSecretSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        """A new secret, shown in this answer only; it signs every delivery from now."""
        endpoint = services.webhook_secret_rotate(
            endpoint=self.get_object(), actor=request.user
        )
        return Response(WebhookEndpointWithSecretSerializer(endpoint).data)
