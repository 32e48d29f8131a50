from rest_framework import serializers

from inbound.models import InboundMessage


class InboundMessageSerializer(serializers.ModelSerializer):
    ticket = serializers.CharField(
        source="ticket.reference", default=None, read_only=True
    )

    class Meta:
        model = InboundMessage
        fields = [
            "id",
            "status",
            "reason",
            "sender",
            "subject",
            "message_id",
            "source",
            "size",
            "ticket",
            "received_at",
            "handled_at",
        ]
        read_only_fields = fields


class AssignSerializer(serializers.Serializer):
    network = serializers.SlugField(help_text="Slug of the network to file it in.")


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Kept with the message.")
