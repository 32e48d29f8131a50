"""``/api/v1/tickets/``: networks file, read and reply; staff do everything."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api.parsers import HubJSONParser
from core.exceptions import PermissionDeniedError
from hub import permissions as access
from hub.api.permissions import IsStaffMember
from tickets import selectors, services
from tickets.api.serializers import (
    MessageCreateSerializer,
    MessageSerializer,
    RatingSerializer,
    SavedViewSerializer,
    TicketCreateSerializer,
    TicketSerializer,
    TicketUpdateSerializer,
)
from tickets.filters import TicketFilter
from tickets.models import SavedView, Ticket
from tickets.services import UNSET

TRIAGE_FIELDS = ("status", "priority", "assignee", "kind", "category", "tags")


@extend_schema(tags=["tickets"])
class TicketViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Tickets by reference (``HUB-000123``). Another network's ticket is a 404."""

    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    lookup_field = "reference"
    lookup_value_regex = r"HUB-\d+"
    ordering_fields: list[str] = []  # TicketFilter's ``ordering`` sorts
    search_fields: list[str] = []  # the list searches with TicketFilter's ``q``
    parser_classes = [HubJSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.ticket_list(user=self.request.user)

    def list_count_cache(self, request):
        """The list's count is kept like the portal's (``core.api.pagination``)."""
        if self.action != "list":
            return None
        return selectors.list_count_cache(
            user=request.user, params=request.query_params
        )

    def get_object(self):
        return selectors.ticket_get(
            user=self.request.user, reference=self.kwargs["reference"]
        )

    @extend_schema(request=TicketCreateSerializer, responses={201: TicketSerializer})
    def create(self, request, *args, **kwargs):
        if not access.is_staff_member(request.user):
            forbidden = [f for f in ("status", "assignee", "tags") if f in request.data]
            if forbidden:
                raise PermissionDeniedError(
                    _("Networks cannot set %(fields)s; the support team triages.")
                    % {"fields": ", ".join(forbidden)}
                )
        serializer = TicketCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ticket = services.ticket_create(
            requester=request.user,
            network=data.get("network"),
            subject=data["subject"],
            description=data["description"],
            category=data.get("category"),
            kind=data["kind"],
            priority=data["priority"],
            channel=Ticket.Channel.API,
            attachments=data.get("attachments", []),
        )
        ticket = selectors.ticket_get(user=request.user, reference=ticket.reference)
        return Response(
            self.get_serializer(ticket).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=TicketUpdateSerializer, responses=TicketSerializer)
    def update(self, request, *args, **kwargs):
        ticket = self.get_object()  # 404 before 403: nothing to probe
        if not access.can_work_tickets(request.user):
            raise PermissionDeniedError(
                _("Networks cannot change a ticket's status, priority or assignee.")
            )
        serializer = TicketUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.ticket_update(
            ticket=ticket,
            actor=request.user,
            version=data.get("version"),
            status=data.get("status"),
            priority=data.get("priority"),
            kind=data.get("kind"),
            category=data.get("category", UNSET),
            assignee=data.get("assignee", UNSET),
            tags=data.get("tags"),
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"], responses=MessageSerializer(many=True), filters=True
    )
    @extend_schema(
        methods=["POST"],
        request=MessageCreateSerializer,
        responses={201: MessageSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=None,
        search_fields=["body"],
    )
    def messages(self, request, reference=None):
        """The conversation; ``internal`` notes only for staff."""
        ticket = self.get_object()
        if request.method == "GET":
            qs = selectors.ticket_messages(user=request.user, ticket=ticket)
            page = self.paginate_queryset(self.filter_queryset(qs))
            return self.get_paginated_response(
                MessageSerializer(page, many=True, context={"request": request}).data
            )
        serializer = MessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["internal"]:
            if not access.can_see_internal(request.user):
                raise PermissionDeniedError(
                    _("Only platform staff may write internal notes."),
                    extra={"fields": {"internal": [_("Staff only.")]}},
                )
            if data.get("status"):
                raise services._field_error(
                    "status", _("An internal note cannot change the status.")
                )
            message = services.ticket_add_note(
                ticket=ticket,
                author=request.user,
                body=data["body"],
                attachments=data.get("attachments", []),
            )
        else:
            message = services.ticket_reply(
                ticket=ticket,
                author=request.user,
                body=data["body"],
                attachments=data.get("attachments", []),
                status=data.get("status"),
            )
        return Response(
            MessageSerializer(message, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=RatingSerializer,
        responses=RatingSerializer,
        description="Rate a solved ticket 1–5 with a comment (anyone in the "
        "ticket's network; the rating can be changed for 7 days). Staff are "
        "refused (403); another network's ticket is a 404.",
        examples=[
            OpenApiExample(
                "Rate", request_only=True, value={"score": 5, "comment": "Quick!"}
            ),
            OpenApiExample(
                "Not solved yet",
                response_only=True,
                status_codes=["400"],
                value={
                    "message": "You can rate a ticket once it is solved.",
                    "errors": {},
                },
            ),
        ],
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def rating(self, request, reference=None):
        ticket = self.get_object()
        serializer = RatingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rating = services.satisfaction_rate(
            ticket=ticket,
            user=request.user,
            score=serializer.validated_data["score"],
            comment=serializer.validated_data.get("comment", ""),
        )
        return Response(RatingSerializer(rating).data)


@extend_schema(tags=["tickets"])
class SavedViewViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Staff's saved queue views: the shared ones, then your own. ``POST`` saves
    filters under a name; ``DELETE`` removes one of yours (shared views are
    managed in the admin: 403)."""

    serializer_class = SavedViewSerializer
    permission_classes = [IsStaffMember]
    search_fields = ["name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SavedView.objects.none()
        return selectors.saved_views(user=self.request.user)

    @extend_schema(
        examples=[
            OpenApiExample(
                "Urgent and open",
                request_only=True,
                value={"name": "Urgent open", "query": "status=open&priority=urgent"},
            )
        ]
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        view = services.saved_view_create(
            owner=request.user,
            name=serializer.validated_data["name"],
            query=serializer.validated_data.get("query", ""),
        )
        return Response(self.get_serializer(view).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.saved_view_delete(actor=self.request.user, view=instance)
