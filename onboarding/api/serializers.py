from rest_framework import serializers

from hub.models import Membership
from onboarding.models import (
    Announcement,
    EmailPreference,
    Invitation,
    Onboarding,
    OnboardingStep,
)


class StepSerializer(serializers.ModelSerializer):
    done = serializers.SerializerMethodField(help_text="Whether the step is done.")
    done_by = serializers.EmailField(
        source="done_by.email", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = OnboardingStep
        fields = [
            "id",
            "order",
            "title",
            "description",
            "guide_url",
            "owner_side",
            "due_on",
            "done",
            "done_at",
            "done_by",
        ]
        read_only_fields = fields

    def get_done(self, step) -> bool:
        return step.done_at is not None


class OnboardingSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    total_steps = serializers.IntegerField(read_only=True)
    done_steps = serializers.IntegerField(read_only=True)

    class Meta:
        model = Onboarding
        fields = [
            "network",
            "started_at",
            "last_progress_at",
            "completed_at",
            "total_steps",
            "done_steps",
        ]
        read_only_fields = fields


class OnboardingDetailSerializer(OnboardingSerializer):
    steps = StepSerializer(many=True, read_only=True)

    class Meta(OnboardingSerializer.Meta):
        fields = [*OnboardingSerializer.Meta.fields, "steps"]
        read_only_fields = fields


class StepDoneSerializer(serializers.Serializer):
    done = serializers.BooleanField(help_text="Tick (true) or untick (false).")


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "email", "name", "role", "created_at"]
        read_only_fields = fields


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "created_at"]
        read_only_fields = fields


class InvitationInputSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="Who to invite.")
    role = serializers.ChoiceField(
        choices=Membership.Role.choices,
        default=Membership.Role.MEMBER,
        help_text="member or owner.",
    )


class AnnouncementSerializer(serializers.ModelSerializer):
    acknowledged = serializers.BooleanField(
        read_only=True, help_text="Whether you clicked “Got it”."
    )

    class Meta:
        model = Announcement
        fields = ["id", "title", "body", "kind", "published_at", "acknowledged"]
        read_only_fields = fields


class EmailPreferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmailPreference
        fields = ["tips", "digest"]
        extra_kwargs = {
            "tips": {"help_text": "Weekly tips."},
            "digest": {"help_text": "The monthly digest."},
        }
