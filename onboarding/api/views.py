"""Onboarding over the API: checklists and their steps, a network's people and
invitations, announcements and their acknowledgement, one's e-mail preferences.
Each endpoint calls the selectors and services the portal's views call."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from hub.models import Membership
from onboarding import selectors, services
from onboarding.api.serializers import (
    AnnouncementSerializer,
    EmailPreferenceSerializer,
    InvitationInputSerializer,
    InvitationSerializer,
    MemberSerializer,
    OnboardingDetailSerializer,
    OnboardingSerializer,
    StepDoneSerializer,
    StepSerializer,
)
from onboarding.models import Announcement, Invitation, Onboarding, OnboardingStep


@extend_schema(tags=["onboarding"])
class OnboardingViewSet(viewsets.ReadOnlyModelViewSet):
    """Checklists by network slug with progress: staff see every network, a
    network's people their own (another network's answers 404)."""

    lookup_field = "network__slug"
    lookup_url_kwarg = "slug"
    search_fields = ["network__name", "network__slug"]
    ordering_fields = ["last_progress_at", "started_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Onboarding.objects.none()
        return selectors.onboarding_list(user=self.request.user)

    def get_serializer_class(self):
        return (
            OnboardingDetailSerializer
            if self.action == "retrieve"
            else (OnboardingSerializer)
        )

    def get_object(self):
        return selectors.onboarding_for_network(
            user=self.request.user, slug=self.kwargs["slug"]
        )


@extend_schema(tags=["onboarding"])
class OnboardingStepViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """``PATCH onboarding/steps/{id}/`` ``{"done": true}`` ticks a step: staff
    any step, a network's people their network's own steps (others: 403)."""

    serializer_class = StepSerializer
    http_method_names = ["patch"]

    def get_queryset(self):
        return OnboardingStep.objects.none()  # steps are read via their checklist

    @extend_schema(
        request=StepDoneSerializer,
        responses=StepSerializer,
        examples=[OpenApiExample("Tick", request_only=True, value={"done": True})],
    )
    def partial_update(self, request, pk=None):
        step = selectors.step_for_user(user=request.user, step_id=pk)
        serializer = StepDoneSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        step = services.onboarding_step_set_done(
            step=step, user=request.user, done=serializer.validated_data["done"]
        )
        return Response(StepSerializer(step).data)


class _NetworkPeople(viewsets.GenericViewSet):
    """Managers and the network's owners only; anyone else gets 404."""

    search_fields: list[str] = []

    def network(self):
        return selectors.network_for_members_page(
            user=self.request.user, slug=self.kwargs["network_slug"]
        )


@extend_schema(tags=["networks"])
class MemberViewSet(mixins.ListModelMixin, _NetworkPeople):
    """A network's people; ``DELETE`` removes one (never the last owner)."""

    serializer_class = MemberSerializer
    search_fields = ["user__email", "user__display_name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return selectors.network_members(network=self.network())

    def destroy(self, request, network_slug=None, pk=None):
        network = self.network()
        membership = selectors.member_of_network(network=network, membership_id=pk)
        services.membership_remove(actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["networks"])
class InvitationViewSet(mixins.ListModelMixin, _NetworkPeople):
    """Pending invitations; ``POST`` invites by e-mail (a signed, single-use link
    is e-mailed)."""

    serializer_class = InvitationSerializer
    search_fields = ["email"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Invitation.objects.none()
        return selectors.pending_invitations(network=self.network())

    @extend_schema(
        request=InvitationInputSerializer,
        responses={201: InvitationSerializer, 200: InvitationSerializer},
        examples=[
            OpenApiExample(
                "Invite a member",
                request_only=True,
                value={"email": "new@northstar.example", "role": "member"},
            ),
            OpenApiExample(
                "Already a member",
                response_only=True,
                status_codes=["400"],
                value={
                    "message": "a@northstar.example is already a member of "
                    "Northstar Media.",
                    "errors": {"email": ["Already a member."]},
                },
            ),
        ],
    )
    def create(self, request, network_slug=None):
        network = self.network()
        serializer = InvitationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = services.invitation_create(
            actor=request.user, network=network, **serializer.validated_data
        )
        # asking again while one is pending sends nothing: the same invitation, 200
        return Response(
            InvitationSerializer(invitation).data,
            status=status.HTTP_200_OK
            if invitation.already_pending
            else status.HTTP_201_CREATED,
        )


@extend_schema(tags=["onboarding"])
class AnnouncementViewSet(viewsets.ReadOnlyModelViewSet):
    """Published announcements addressed to your networks (staff: all), with
    whether you acknowledged each; ``POST {id}/acknowledge/`` is “Got it”."""

    serializer_class = AnnouncementSerializer
    search_fields = ["title", "body"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Announcement.objects.none()
        return selectors.announcement_list(user=self.request.user)

    def get_object(self):
        return selectors.announcement_for_user(
            user=self.request.user, announcement_id=self.kwargs["pk"]
        )

    @extend_schema(request=None, responses=AnnouncementSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        announcement = self.get_object()
        services.announcement_acknowledge(announcement=announcement, user=request.user)
        return Response(AnnouncementSerializer(self.get_object()).data)


@extend_schema(tags=["onboarding"])
class EmailPreferenceView(APIView):
    """Your own e-mail preferences (tips and digest); ticket and invitation
    e-mails are transactional and always sent."""

    @extend_schema(responses=EmailPreferenceSerializer)
    def get(self, request):
        pref = selectors.email_preference(user=request.user)
        return Response(EmailPreferenceSerializer(pref).data)

    @extend_schema(
        request=EmailPreferenceSerializer,
        responses=EmailPreferenceSerializer,
        examples=[
            OpenApiExample(
                "No tips", request_only=True, value={"tips": False, "digest": True}
            )
        ],
    )
    def put(self, request):
        return self._update(request, partial=False)

    @extend_schema(
        request=EmailPreferenceSerializer, responses=EmailPreferenceSerializer
    )
    def patch(self, request):
        return self._update(request, partial=True)

    def _update(self, request, *, partial: bool):
        current = EmailPreferenceSerializer(
            selectors.email_preference(user=request.user)
        ).data
        serializer = EmailPreferenceSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = {**current, **serializer.validated_data}
        pref = services.preferences_update(
            user=request.user, tips=data["tips"], digest=data["digest"]
        )
        return Response(EmailPreferenceSerializer(pref).data)
