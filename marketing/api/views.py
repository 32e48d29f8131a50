"""API: events and registrations, content and its figures, the brand kit.

The same rules as the portal (the same selectors and services); errors are JSON
``{"message", "errors"}``, a refused figure batch adds ``rows`` (index → problems).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from core.api.filters import search_in
from core.api.pagination import PageNumberPagination
from core.exceptions import PermissionDeniedError
from hub import permissions as access
from hub.models import CreatorNetwork
from marketing import selectors, services
from marketing.api.serializers import (
    BrandAssetSerializer,
    ContentDetailSerializer,
    ContentItemInputSerializer,
    ContentItemSerializer,
    ContentMetricRowSerializer,
    EventSerializer,
    LoadResultSerializer,
    RegistrationSerializer,
)
from marketing.engagement import engagement_rate
from marketing.loading import FigureRow
from marketing.models import Registration

MAX_API_ROWS = 50_000


@extend_schema(tags=["events"])
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Events: networks see the published events for them; managers create, change
    and (``POST events/{id}/publish/``) publish them."""

    serializer_class = EventSerializer
    pagination_class = PageNumberPagination
    search_fields = ("title", "description", "venue")
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.event_list(user=self.request.user)

    def _manager(self):
        if not access.is_manager(self.request.user):
            raise PermissionDeniedError("Only agency managers may change events.")

    def create(self, request, *args, **kwargs):
        self._manager()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.event_create(actor=request.user, **serializer.validated_data)
        event = self.get_queryset().get(pk=event.pk)
        return Response(self.get_serializer(event).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        self._manager()
        event = self.get_object()
        serializer = self.get_serializer(event, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.event_update(
            event=event, actor=request.user, **serializer.validated_data
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        self._manager()
        event = services.event_publish(event=self.get_object(), actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=event.pk)).data)

    @extend_schema(
        methods=["GET"], request=None, responses=RegistrationSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"], request=None, responses={201: RegistrationSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def registrations(self, request, pk=None):
        """GET: everyone's (staff) or your own; POST: register yourself
        (``status`` answers ``registered`` or ``waitlisted``)."""
        event = self.get_object()
        if request.method == "POST":
            if access.is_staff_member(request.user):
                raise PermissionDeniedError("Staff do not register for events.")
            registration = services.event_register(event=event, user=request.user)
            return Response(
                RegistrationSerializer(registration).data,
                status=status.HTTP_201_CREATED,
            )
        qs = selectors.event_registrations(event=event)
        if not access.is_staff_member(request.user):
            qs = qs.filter(user=request.user)
        qs = search_in(qs, request, ("user__email", "user__display_name", "comment"))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"registrations/(?P<rid>\d+)")
    def registration_cancel(self, request, pk=None, rid=None):
        event = self.get_object()
        qs = Registration.objects.filter(event=event)
        if not access.is_manager(request.user):
            qs = qs.filter(user=request.user)
        registration = get_object_or_404(qs, pk=rid)
        services.registration_cancel(registration=registration, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["content"])
class ContentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Content items: a network sees and loads only its own; staff see all."""

    serializer_class = ContentItemSerializer
    pagination_class = PageNumberPagination
    search_fields = ("creator_handle", "url", "hashtags")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.content_list(user=self.request.user).order_by(
            "-posted_at", "pk"
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ContentDetailSerializer
        if self.action == "create":
            return ContentItemInputSerializer
        return ContentItemSerializer

    def retrieve(self, request, *args, **kwargs):
        item = selectors.content_get(user=request.user, pk=kwargs["pk"])
        item.totals = selectors.item_totals(item)
        item.engagement_rate = engagement_rate(item.totals)
        return Response(ContentDetailSerializer(item).data)

    def create(self, request, *args, **kwargs):
        serializer = ContentItemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        networks = access.visible_networks(request.user)
        slug = data.pop("network", None)
        if slug:
            network = networks.filter(slug=slug).first()
        elif not access.is_staff_member(request.user) and networks.count() == 1:
            network = networks.first()
        else:
            raise ValidationError({"network": ["Give the network's slug."]})
        if network is None:
            raise NotFound("No such network.")
        campaign = data.get("campaign")
        if campaign and str(campaign.pk) not in selectors.network_campaign_refs(
            network=network
        ):
            raise ValidationError(
                {"campaign": ["Not one of this network's campaigns."]}
            )
        item = services.content_item_create(
            user=request.user, network=CreatorNetwork.objects.get(pk=network.pk), **data
        )
        return Response(
            ContentItemSerializer(item).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=ContentMetricRowSerializer(many=True), responses=LoadResultSerializer
    )
    @action(detail=False, methods=["post"])
    def metrics(self, request):
        """Bulk upsert of daily figures; the whole batch is refused on any bad row."""
        rows = request.data
        if not isinstance(rows, list):
            raise ValidationError(
                {"non_field_errors": ["Send a JSON list of figure rows."]}
            )
        if len(rows) > MAX_API_ROWS:
            raise ValidationError(
                {"non_field_errors": [f"At most {MAX_API_ROWS} rows per request."]}
            )
        raw = [
            FigureRow(i, *(r.get(k) for k in ("url", "date", "metric", "value")))
            if isinstance(r, dict)
            else FigureRow(i, None, None, None, None)
            for i, r in enumerate(rows)
        ]
        return Response(services.content_metrics_load(user=request.user, rows=raw))


@extend_schema(tags=["brand"])
class BrandAssetViewSet(viewsets.ReadOnlyModelViewSet):
    """The brand kit: the assets for your network, each with its current version."""

    serializer_class = BrandAssetSerializer
    pagination_class = PageNumberPagination
    search_fields = ("title", "usage_notes")
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.brand_asset_list(user=self.request.user)
