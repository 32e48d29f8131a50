from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from campaigns import services
from campaigns.api.serializers import (
    CampaignInputSerializer,
    CampaignSerializer,
    MetricLoadResultSerializer,
    MetricRowSerializer,
    MetricSerializer,
    TransitionSerializer,
)
from campaigns.filters import CampaignFilter, CampaignMetricFilter
from campaigns.loading import RawRow
from campaigns.models import Enrolment, Material
from campaigns.selectors import campaign_list, campaign_totals, metric_list
from campaigns.vocabulary import METRICS
from hub import permissions as access
from hub.api.pagination import PageNumberPagination
from hub.api.permissions import StaffWriteOrReadOnly

MAX_API_ROWS = 50_000


class ManagerWriteOrReadOnly(StaffWriteOrReadOnly):
    message = "Only agency managers may change campaigns."

    def has_permission(self, request, view) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return bool(request.user and request.user.is_authenticated)
        return access.is_manager(request.user)


@extend_schema(tags=["campaigns"])
class CampaignViewSet(viewsets.GenericViewSet):
    """Campaigns: staff see all; a network member sees the campaigns their network
    is enrolled in (past draft) and only their own enrolments and figures. Only
    agency managers write."""

    permission_classes = [ManagerWriteOrReadOnly]
    lookup_value_regex = r"\d+"
    filterset_class = CampaignFilter
    serializer_class = CampaignSerializer
    ordering_fields = ["start_date", "name"]

    def get_queryset(self):
        return campaign_list(user=self.request.user).prefetch_related(
            "goals",
            Prefetch("materials", queryset=Material.objects.select_related("guide")),
            Prefetch(
                "enrolments", queryset=Enrolment.objects.select_related("network")
            ),
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["network_ids"] = (
            None
            if access.is_staff_member(self.request.user)
            else access.network_ids(self.request.user)
        )
        return context

    def get_serializer(self, instance=None, *args, **kwargs):
        """Campaigns with their totals (``campaigns.selectors.campaign_totals``,
        one query for the whole page)."""
        context = {**self.get_serializer_context(), **kwargs.pop("context", {})}
        if instance is not None:
            items = instance if kwargs.get("many") else [instance]
            context["totals"] = campaign_totals(
                campaign_ids=[c.pk for c in items], network_ids=context["network_ids"]
            )
        return CampaignSerializer(instance, *args, context=context, **kwargs)

    @extend_schema(
        parameters=[
            # Plain strings: query parameters would otherwise share enum names
            # ("status", "kind") with other apps' schemas.
            OpenApiParameter(
                "status", str, description="draft, setup, live, review or closed."
            ),
            OpenApiParameter(
                "kind",
                str,
                description="live_event, tournament, recruitment or training.",
            ),
        ]
    )
    def list(self, request):
        qs = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=CampaignInputSerializer, responses=CampaignSerializer)
    def create(self, request):
        data = self._input(request)
        campaign = services.campaign_create(user=request.user, **data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=CampaignInputSerializer, responses=CampaignSerializer)
    def partial_update(self, request, pk=None):
        campaign = self.get_object()
        data = self._input(request, partial=True)
        services.campaign_update(campaign=campaign, user=request.user, **data)
        return Response(self.get_serializer(self.get_object()).data)

    def _input(self, request, partial=False) -> dict:
        serializer = CampaignInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(request=TransitionSerializer, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the campaign to its next status (draft → setup → live → review →
        closed; setup may go back to draft)."""
        campaign = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.campaign_transition(
            campaign=campaign,
            user=request.user,
            to=serializer.validated_data["status"],
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"],
        responses=MetricSerializer(many=True),
        filters=False,
        parameters=[
            OpenApiParameter("network", str, description="Network slug."),
            OpenApiParameter(
                "metric", str, description="Metric code: " + ", ".join(METRICS)
            ),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="From day."),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="To day."),
            OpenApiParameter("page", int, description="Page number."),
            OpenApiParameter("page_size", int, description="Rows per page (≤ 100)."),
        ],
        description="Figures, paginated; filter by `network`, `metric`, "
        "`date_from`, `date_to`. A network member sees only their own.",
    )
    @extend_schema(
        methods=["POST"],
        request=MetricRowSerializer(many=True),
        responses=MetricLoadResultSerializer,
        description="Bulk upsert of figures. The batch is all or nothing: any bad "
        "row refuses it whole, and `errors` is keyed by each bad row's index (0-based).",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=MetricSerializer,
        filter_backends=[],
        pagination_class=PageNumberPagination,
    )
    def metrics(self, request, pk=None):
        # Not get_object(): the action's filterset is for figures, not campaigns.
        campaign = get_object_or_404(campaign_list(user=request.user), pk=pk)
        if request.method == "POST":
            return self._load(request, campaign)
        qs = metric_list(user=request.user, campaign=campaign)
        qs = CampaignMetricFilter(request.GET, queryset=qs)
        if not qs.is_valid():
            raise ValidationError(qs.errors)
        page = self.paginate_queryset(qs.qs)
        return self.get_paginated_response(MetricSerializer(page, many=True).data)

    def _load(self, request, campaign):
        rows = request.data
        if not isinstance(rows, list):
            raise ValidationError(
                {"non_field_errors": ["Send a JSON list of figure rows."]}
            )
        if len(rows) > MAX_API_ROWS:
            raise ValidationError(
                {"non_field_errors": [f"At most {MAX_API_ROWS} rows per request."]}
            )
        raw = []
        for index, row in enumerate(rows):
            if not isinstance(row, dict):
                row = {}
            raw.append(
                RawRow(
                    index,
                    row.get("network"),
                    row.get("date"),
                    row.get("metric"),
                    row.get("value"),
                )
            )
        result = services.metrics_load(
            campaign=campaign, user=request.user, rows=raw, label="row"
        )
        return Response(
            {
                "new": result.new,
                "changed": result.changed,
                "unchanged": result.unchanged,
            }
        )
