from rest_framework import serializers

from webhooks.models import EVENT_NAMES, WebhookDelivery, WebhookEndpoint


class WebhookEndpointSerializer(serializers.ModelSerializer):
    owner = serializers.EmailField(source="owner.email", read_only=True, default=None)

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "is_active",
            "consecutive_failures",
            "disabled_at",
            "secret_rotated_at",
            "owner",
            "created_at",
        ]
        read_only_fields = fields


class WebhookEndpointWithSecretSerializer(WebhookEndpointSerializer):
    """Answers a create or a rotation: the only time the secret is shown."""

    secret = serializers.CharField(read_only=True)

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=500,
        help_text="https:// URL that receives the POSTs (public address).",
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_NAMES),
        allow_empty=False,
        help_text="Any of: " + ", ".join(EVENT_NAMES),
    )
    secret = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        max_length=128,
        help_text="At least 16 characters; leave out to have one made (shown once).",
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    is_active = serializers.BooleanField(
        required=False, help_text="Switch an endpoint off or back on."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="key", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "status",
            "attempts",
            "response_status",
            "last_error",
            "duration_ms",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
        ]
        read_only_fields = fields
