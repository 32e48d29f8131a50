"""Ticket API shapes: separate input serializers where input differs from output."""

from django.urls import reverse
from rest_framework import serializers

from hub import permissions as access
from hub.models import CreatorNetwork, User
from tickets.models import (
    Attachment,
    Category,
    SatisfactionRating,
    SavedView,
    Ticket,
    TicketMessage,
)
from tickets.services import MAX_BODY, MAX_SUBJECT

STAFF_ONLY_FIELDS = ("tags", "channel", "version")


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Access-checked download URL.")

    class Meta:
        model = Attachment
        fields = ["name", "content_type", "size", "url"]

    def get_url(self, obj) -> str:
        path = reverse("tickets:attachment", kwargs={"key": obj.key})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class TicketSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Category slug, or null.",
    )
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Slug of the creator network."
    )
    assignee = serializers.EmailField(
        source="assignee.email",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="E-mail of the staff member working on it, or null.",
    )
    requester = serializers.EmailField(
        source="requester.email",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="E-mail of the person who filed it.",
    )
    tags = serializers.SlugRelatedField(
        slug_field="name",
        many=True,
        read_only=True,
        help_text="Tag names (staff only).",
    )
    url = serializers.HyperlinkedIdentityField(
        view_name="ticket-detail", lookup_field="reference"
    )
    sla_state = serializers.CharField(
        read_only=True,
        allow_null=True,
        default=None,
        help_text=(
            "on_track, due_soon, breached, met or paused; null when no SLA applies."
        ),
    )
    first_response_due_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the first public reply is due (business hours); null if none.",
    )
    resolution_due_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the ticket is due to be solved; null if none.",
    )
    version = serializers.IntegerField(
        read_only=True,
        help_text="Send it back with PATCH: a stale version answers 409.",
    )

    class Meta:
        model = Ticket
        fields = [
            "reference",
            "url",
            "subject",
            "description",
            "category",
            "kind",
            "priority",
            "status",
            "network",
            "requester",
            "assignee",
            "tags",
            "channel",
            "created_at",
            "updated_at",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "first_response_due_at",
            "next_response_due_at",
            "resolution_due_at",
            "sla_state",
            "version",
        ]
        read_only_fields = fields

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if not access.can_see_internal(getattr(request, "user", None)):
            for name in STAFF_ONLY_FIELDS:
                fields.pop(name, None)
        return fields


class TicketCreateSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=MAX_SUBJECT, help_text="One line.")
    description = serializers.CharField(
        max_length=MAX_BODY, help_text="The question or problem, in plain text."
    )
    category = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Category.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Slug of an active category.",
    )
    kind = serializers.ChoiceField(
        choices=Ticket.Kind.choices, default=Ticket.Kind.QUESTION
    )
    priority = serializers.ChoiceField(
        choices=Ticket.Priority.choices, default=Ticket.Priority.NORMAL
    )
    network = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=CreatorNetwork.objects.all(),
        required=False,
        help_text="Network slug; required when you belong to several networks.",
    )
    attachments = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        help_text="Files (multipart only).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            # Unknown slugs and other networks' slugs answer alike.
            self.fields["network"].queryset = access.visible_networks(request.user)


class TicketUpdateSerializer(serializers.Serializer):
    """Triage (staff only). Send ``version`` to refuse stale updates (409)."""

    status = serializers.ChoiceField(choices=Ticket.Status.choices, required=False)
    priority = serializers.ChoiceField(choices=Ticket.Priority.choices, required=False)
    kind = serializers.ChoiceField(choices=Ticket.Kind.choices, required=False)
    category = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Category.objects.all(),
        required=False,
        allow_null=True,
    )
    assignee = serializers.SlugRelatedField(
        slug_field="email",
        queryset=User.objects.filter(is_staff=True, is_active=True),
        required=False,
        allow_null=True,
        help_text="E-mail of a staff member, or null to unassign.",
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False
    )
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you last read."
    )


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(help_text="Who wrote it.")
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = TicketMessage
        fields = [
            "id",
            "body",
            "internal",
            "author",
            "author_is_staff",
            "created_at",
            "attachments",
        ]
        read_only_fields = fields

    def get_author(self, obj) -> str | None:
        return str(obj.author) if obj.author else None


class MessageCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=MAX_BODY, help_text="The message text.")
    internal = serializers.BooleanField(
        default=False, help_text="An internal note (staff only)."
    )
    status = serializers.ChoiceField(
        choices=Ticket.Status.choices,
        required=False,
        help_text="Staff: set the status in the same step (public replies only).",
    )
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Files (multipart)."
    )


class SavedViewSerializer(serializers.ModelSerializer):
    shared = serializers.SerializerMethodField(
        help_text="A shared view (managed in the admin) rather than your own."
    )
    tickets = serializers.SerializerMethodField(
        help_text="The ticket list with this view's filters."
    )

    class Meta:
        model = SavedView
        fields = ["id", "name", "query", "shared", "tickets"]
        read_only_fields = ["id", "shared", "tickets"]
        extra_kwargs = {
            "name": {"help_text": "At most 80 characters, unique among yours."},
            "query": {
                "help_text": "The ticket filters as a query string, e.g. "
                "`status=open&priority=high`.",
                "required": False,
            },
        }

    def get_shared(self, view) -> bool:
        return view.owner_id is None

    def get_tickets(self, view) -> str:
        path = reverse("ticket-list")
        return f"{path}?{view.query}" if view.query else path


class RatingSerializer(serializers.ModelSerializer):
    score = serializers.IntegerField(help_text="1 (poor) to 5 (great).")
    rated_by = serializers.EmailField(source="rated_by.email", read_only=True)

    class Meta:
        model = SatisfactionRating
        fields = ["score", "comment", "rated_by", "created_at", "updated_at"]
        read_only_fields = ["rated_by", "created_at", "updated_at"]
        extra_kwargs = {"comment": {"required": False, "allow_blank": True}}
