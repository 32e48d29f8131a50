from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from campaigns import services
from campaigns.api.serializers import (
    CampaignDetailSerializer,
    CampaignInputSerializer,
    CampaignSerializer,
    EnrolmentInviteSerializer,
    EnrolmentRespondSerializer,
    EnrolmentSerializer,
    MetricLoadResultSerializer,
    MetricRowSerializer,
    MetricSerializer,
    TransitionSerializer,
)
from campaigns.filters import CampaignFilter, CampaignMetricFilter
from campaigns.loading import RawRow
from campaigns.models import Campaign, CampaignMetric, Enrolment, Material
from campaigns.selectors import (
    campaign_list,
    campaign_performance,
    campaign_totals,
    enrolment_list,
    figure_network_ids,
    metric_list,
    transition_warnings,
)
from core.exceptions import NotFoundError, require_confirmation
from hub import permissions as access
from hub.api.permissions import StaffWriteOrReadOnly
from hub.api.serializers import ConfirmationRequiredSerializer
from hub.models import CreatorNetwork

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
    search_fields: list[str] = []  # CampaignFilter's ``q`` (name) searches

    def get_queryset(self):
        if self.action == "metrics":  # what the figures' filters apply to (schema)
            return CampaignMetric.objects.none()
        if self.action == "enrolments":
            return Enrolment.objects.none()
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

    @extend_schema(
        responses=CampaignDetailSerializer,
        examples=[
            OpenApiExample(
                "A live campaign",
                response_only=True,
                value={
                    "id": 2,
                    "name": "Spring LIVE Cup",
                    "status": "live",
                    "goals": [{"metric": "live_hours", "target": "500.00"}],
                    "enrolments": [
                        {"network": "northstar-media", "status": "accepted"}
                    ],
                    "totals": {"live_hours": "312.50", "diamonds": "48000.00"},
                    "goal_results": [
                        {
                            "metric": "live_hours",
                            "target": "500.00",
                            "actual": "312.50",
                            "percent": 62,
                            "met": False,
                        }
                    ],
                },
            )
        ],
    )
    def retrieve(self, request, pk=None):
        """The campaign with its totals per metric and goals against actuals, as on
        its page: a network member's figures are their own network's only."""
        campaign = self.get_object()
        performance = campaign_performance(
            campaign=campaign,
            network_ids=figure_network_ids(user=request.user, campaign=campaign),
        )
        context = {**self.get_serializer_context(), "performance": performance}
        return Response(CampaignDetailSerializer(campaign, context=context).data)

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

    @extend_schema(
        request=TransitionSerializer,
        responses={200: CampaignSerializer, 409: ConfirmationRequiredSerializer},
        description="A move the portal asks about first (going live before the "
        "start date or with setup tasks open, closing) answers 409 with its "
        '`warnings` and changes nothing, unless sent with `"confirm": true`.',
        examples=[
            OpenApiExample(
                "Go live, confirmed",
                request_only=True,
                value={"status": "live", "confirm": True},
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the campaign to its next status (draft → setup → live → review →
        closed; setup may go back to draft)."""
        campaign = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        to = serializer.validated_data["status"]
        require_confirmation(
            transition_warnings(campaign=campaign, to=to, today=timezone.localdate()),
            confirmed=serializer.validated_data["confirm"],
            message=_("Moving %(name)s to %(to)s needs a confirmation.")
            % {"name": campaign.name, "to": dict(Campaign.Status.choices).get(to, to)},
        )
        services.campaign_transition(campaign=campaign, user=request.user, to=to)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"],
        responses=MetricSerializer(many=True),
        description="Figures, paginated; filter by `network`, `metric`, "
        "`date_from`, `date_to`, `search`. A network member sees only their own.",
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
        filterset_class=CampaignMetricFilter,
        search_fields=["network__name", "network__slug", "metric"],
        ordering_fields=["date", "metric", "value"],
    )
    def metrics(self, request, pk=None):
        # Not get_object(): the action's filterset is for figures, not campaigns.
        campaign = get_object_or_404(campaign_list(user=request.user), pk=pk)
        if request.method == "POST":
            return self._load(request, campaign)
        qs = self.filter_queryset(metric_list(user=request.user, campaign=campaign))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(MetricSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        responses=EnrolmentSerializer(many=True),
        description="The campaign's networks and their answers (a network member "
        "sees only their own).",
    )
    @extend_schema(
        methods=["POST"],
        request=EnrolmentInviteSerializer,
        responses={201: EnrolmentSerializer(many=True)},
        description="Agency managers invite networks by slug; networks already "
        "invited or answered are left as they are. Answers every enrolment.",
        examples=[
            OpenApiExample(
                "Invite two networks",
                request_only=True,
                value={"networks": ["northstar-media", "lumen-live"]},
            ),
            OpenApiExample(
                "An unknown network",
                response_only=True,
                status_codes=["400"],
                value={
                    "message": "networks: No network with the slug nope.",
                    "errors": {"networks": ["No network with the slug nope."]},
                },
            ),
        ],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        serializer_class=EnrolmentSerializer,
        filterset_class=None,
        search_fields=["network__name", "network__slug"],
        ordering_fields=["invited_at", "responded_at"],
    )
    def enrolments(self, request, pk=None):
        campaign = get_object_or_404(campaign_list(user=request.user), pk=pk)
        if request.method == "POST":
            serializer = EnrolmentInviteSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            slugs = list(dict.fromkeys(serializer.validated_data["networks"]))
            networks = {
                n.slug: n for n in CreatorNetwork.objects.filter(slug__in=slugs)
            }
            unknown = [slug for slug in slugs if slug not in networks]
            if unknown:
                raise ValidationError(
                    {
                        "networks": [
                            f"No network with the slug {slug}." for slug in unknown
                        ]
                    }
                )
            services.enrolment_invite(
                campaign=campaign, user=request.user, networks=list(networks.values())
            )
            rows = enrolment_list(user=request.user, campaign=campaign)
            return Response(
                EnrolmentSerializer(rows, many=True).data,
                status=status.HTTP_201_CREATED,
            )
        qs = self.filter_queryset(enrolment_list(user=request.user, campaign=campaign))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(EnrolmentSerializer(page, many=True).data)

    @extend_schema(
        request=EnrolmentRespondSerializer,
        responses=EnrolmentSerializer,
        description="A member of an invited network accepts or declines (staff "
        "record answers in the admin). Another network's campaign, or one not yet "
        "open to networks, answers 404.",
        examples=[
            OpenApiExample("Accept", request_only=True, value={"answer": "accepted"}),
            OpenApiExample(
                "Too late to decline",
                response_only=True,
                status_codes=["400"],
                value={
                    "message": "Figures are already loaded for this network; it "
                    "cannot decline now.",
                    "errors": {},
                },
            ),
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="enrolments/respond",
        url_name="enrolments-respond",
        permission_classes=[IsAuthenticated],
    )
    def respond(self, request, pk=None):
        campaign = get_object_or_404(campaign_list(user=request.user), pk=pk)
        serializer = EnrolmentRespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # as on the campaign page: only the invited network answers
        mine = enrolment_list(user=request.user, campaign=campaign).filter(
            network_id__in=access.network_ids(request.user)
        )
        if "network" in data:
            mine = mine.filter(network__slug=data["network"])
        enrolments = list(mine[:2])
        if not enrolments:
            raise NotFoundError(_("No such invitation."))
        if len(enrolments) > 1:
            raise ValidationError(
                {"network": [_("Several of your networks are invited: name one.")]}
            )
        enrolment = services.enrolment_respond(
            enrolment=enrolments[0],
            user=request.user,
            accept=data["answer"] == Enrolment.Status.ACCEPTED,
        )
        return Response(EnrolmentSerializer(enrolment).data)

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
