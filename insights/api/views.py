from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.exceptions import require_confirmation
from hub.api.permissions import IsManager, IsStaffMember
from hub.api.serializers import ConfirmationRequiredSerializer
from insights import selectors, services
from insights.api.serializers import (
    FeedbackItemInputSerializer,
    FeedbackItemSerializer,
    FeedbackStatusSerializer,
    RecurringGroupSerializer,
    SearchGapSerializer,
)
from insights.filters import FeedbackFilter
from insights.models import FeedbackItem, RecurringGroup


@extend_schema(tags=["insights"])
class RecurringGroupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Recurring questions: groups of similar recent tickets, largest first
    (staff only; recomputed nightly or by ``find_recurring_questions``)."""

    permission_classes = [IsStaffMember]
    serializer_class = RecurringGroupSerializer
    search_fields = ["label", "terms"]

    def get_queryset(self):
        return RecurringGroup.objects.select_related("article").order_by(
            "-size", "-network_count", "id"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        references = selectors.recurring_references(group_ids=[g.pk for g in page])
        context = {**self.get_serializer_context(), "references": references}
        serializer = self.get_serializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)


@extend_schema(tags=["insights"])
class SearchGapViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Search gaps: FAQ searches (hub, API, ticket-form suggestions) of the last
    weeks that found nothing or whose results nobody opened, grouped by meaning;
    unanswered first, then the largest (staff only; recomputed hourly)."""

    permission_classes = [IsStaffMember]
    serializer_class = SearchGapSerializer
    search_fields = ["label"]

    def get_queryset(self):
        return selectors.search_gap_list()


@extend_schema(tags=["insights"])
class FeedbackItemViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The product feedback board (agency managers): items with the networks
    asking; ``POST`` adds one, ``POST {id}/status/`` moves it (and e-mails the
    networks asking, as on the board)."""

    permission_classes = [IsManager]
    serializer_class = FeedbackItemSerializer
    filterset_class = FeedbackFilter
    search_fields = ["title", "note", "area__name"]

    def get_queryset(self):
        return FeedbackItem.objects.all()

    def list(self, request, *args, **kwargs):
        items = selectors.feedback_items(
            queryset=self.filter_queryset(self.get_queryset())
        )
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _one(self, pk) -> FeedbackItem:
        get_object_or_404(FeedbackItem, pk=pk)
        return next(
            item
            for item in selectors.feedback_items(
                queryset=FeedbackItem.objects.filter(pk=pk)
            )
        )

    @extend_schema(
        request=FeedbackItemInputSerializer,
        responses={201: FeedbackItemSerializer},
        examples=[
            OpenApiExample(
                "New item",
                request_only=True,
                value={
                    "title": "Schedule LIVE battles",
                    "area": "LIVE",
                    "tickets": ["HUB-000042"],
                },
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        serializer = FeedbackItemInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        area = (
            services.product_area_get_or_create(name=data["area"], actor=request.user)
            if data.get("area")
            else None
        )
        item = services.feedback_item_create(
            actor=request.user,
            title=data["title"],
            area=area,
            references=data.get("tickets", []),
        )
        return Response(
            self.get_serializer(self._one(item.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=FeedbackStatusSerializer,
        responses={200: FeedbackItemSerializer, 409: ConfirmationRequiredSerializer},
        description="A new status e-mails the networks asking, so, as on the "
        'board, it is confirmed first: without `"confirm": true` the answer is '
        "409 with the board's `warnings` (who is e-mailed) and nothing changes.",
        examples=[
            OpenApiExample(
                "Planned",
                request_only=True,
                value={
                    "status": "planned",
                    "note": "On the Q3 roadmap.",
                    "confirm": True,
                },
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def set_status(self, request, pk=None):
        item = get_object_or_404(FeedbackItem, pk=pk)
        serializer = FeedbackStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        require_confirmation(
            selectors.feedback_status_warnings(item=item, status=data["status"]),
            confirmed=data.pop("confirm"),
            message=_("Setting “%(title)s” to %(status)s needs a confirmation.")
            % {
                "title": item.title,
                # a status the board does not know is the service's 400, after this
                "status": dict(FeedbackItem.Status.choices).get(
                    data["status"], data["status"]
                ),
            },
        )
        services.feedback_item_set_status(item=item, actor=request.user, **data)
        return Response(self.get_serializer(self._one(pk)).data)
