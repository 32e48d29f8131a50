from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from core.api.filters import SEARCH_PARAMETER, search_in
from core.api.pagination import PageNumberPagination
from hub import permissions as access
from hub.models import CreatorNetwork
from programmes import selectors, services
from programmes.api.serializers import (
    ApplicationInputSerializer,
    ApplicationSerializer,
    ApplicationStatusSerializer,
    CheckInInputSerializer,
    CheckInSerializer,
    ProgrammeInputSerializer,
    ProgrammeSerializer,
    ProgrammeTransitionSerializer,
)
from programmes.filters import FeatureTestFilter
from programmes.models import FeatureTest


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(tags=["programmes"])
class ProgrammeViewSet(viewsets.GenericViewSet):
    """Feature tests. Staff see all; a network member sees the tests their network
    applied or was invited to and the recruiting ones it is eligible for. Agency
    managers create, change and move them; networks apply and check in."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_class = FeatureTestFilter
    serializer_class = ProgrammeSerializer
    pagination_class = PageNumberPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return FeatureTest.objects.none()
        return selectors.feature_test_list(user=self.request.user).prefetch_related(
            "regions"
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="recruiting, running, closed.")
        ]
    )
    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ProgrammeInputSerializer, responses=ProgrammeSerializer)
    def create(self, request):
        data = _valid(ProgrammeInputSerializer, request.data)
        test = services.feature_test_create(user=request.user, **data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=test.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=ProgrammeInputSerializer, responses=ProgrammeSerializer)
    def partial_update(self, request, pk=None):
        test = self.get_object()
        data = _valid(ProgrammeInputSerializer, request.data, partial=True)
        services.feature_test_update(feature_test=test, user=request.user, **data)
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(request=ProgrammeTransitionSerializer, responses=ProgrammeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """recruiting → running → closed (closing needs the documentation
        checklist complete)."""
        test = self.get_object()
        services.require_manager(request.user)
        data = _valid(ProgrammeTransitionSerializer, request.data)
        services.feature_test_transition(
            feature_test=test, user=request.user, to=data["status"]
        )
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"],
        responses=ApplicationSerializer(many=True),
        filters=False,
        parameters=[SEARCH_PARAMETER],
    )
    @extend_schema(
        methods=["POST"],
        request=ApplicationInputSerializer,
        responses=ApplicationSerializer(many=True),
        description="A network member applies; an agency manager invites "
        '`{"networks": [slugs]}`.',
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def applications(self, request, pk=None):
        test = self.get_object()
        if request.method == "POST":
            data = _valid(ApplicationInputSerializer, request.data)
            if access.is_manager(request.user):
                slugs = data.get("networks") or []
                networks = list(CreatorNetwork.objects.filter(slug__in=slugs))
                unknown = sorted(set(slugs) - {n.slug for n in networks})
                if unknown:
                    raise ValidationError({"networks": [f"Unknown: {unknown}"]})
                made = services.application_invite(
                    feature_test=test, user=request.user, networks=networks
                )
            elif access.is_staff_member(request.user):
                raise PermissionDenied("Only agency managers invite networks.")
            else:
                made = [
                    services.application_apply(
                        feature_test=test,
                        user=request.user,
                        network=selectors.own_network_get(
                            user=request.user, slug=data.get("network")
                        ),
                    )
                ]
            return Response(
                ApplicationSerializer(made, many=True).data,
                status=status.HTTP_201_CREATED,
            )
        qs = selectors.application_list(user=request.user, feature_test=test)
        qs = search_in(qs, request, ("network__name", "note"))
        return Response(ApplicationSerializer(qs, many=True).data)

    @extend_schema(request=ApplicationStatusSerializer, responses=ApplicationSerializer)
    @action(
        detail=True,
        methods=["patch"],
        url_path=r"applications/(?P<application_id>\d+)",
        url_name="application",
        filter_backends=[],
    )
    def application(self, request, pk=None, application_id=None):
        """Managers accept or decline (up to capacity); an invited network answers
        its own invitation."""
        test = self.get_object()
        application = get_object_or_404(
            selectors.application_list(user=request.user, feature_test=test),
            pk=application_id,
        )
        if access.is_staff_member(request.user) and not access.is_manager(request.user):
            raise PermissionDenied("Only agency managers decide applications.")
        data = _valid(ApplicationStatusSerializer, request.data)
        application = services.application_decide(
            application=application, user=request.user, status=data["status"]
        )
        return Response(ApplicationSerializer(application).data)

    @extend_schema(
        methods=["GET"],
        responses=CheckInSerializer(many=True),
        filters=False,
        parameters=[SEARCH_PARAMETER],
    )
    @extend_schema(
        methods=["POST"],
        request=CheckInInputSerializer,
        responses=CheckInSerializer,
        description="This week's check-in of the caller's network (sent again the "
        "same week, it replaces the answer).",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        pagination_class=PageNumberPagination,
    )
    def checkins(self, request, pk=None):
        test = self.get_object()
        if request.method == "POST":
            if access.is_staff_member(request.user):
                raise PermissionDenied("Check-ins come from the networks taking part.")
            data = _valid(CheckInInputSerializer, request.data)
            network = selectors.own_network_get(
                user=request.user, slug=data.pop("network", None)
            )
            checkin = services.checkin_submit(
                feature_test=test, user=request.user, network=network, **data
            )
            return Response(
                CheckInSerializer(checkin).data, status=status.HTTP_201_CREATED
            )
        qs = selectors.checkin_list(user=request.user, feature_test=test)
        qs = search_in(qs, request, ("network__name", "issues", "comment"))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(CheckInSerializer(page, many=True).data)
