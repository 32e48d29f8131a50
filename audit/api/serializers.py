from rest_framework import serializers

from audit.models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.IntegerField(
        source="actor_id", allow_null=True, help_text="The account id, if any."
    )
    who = serializers.CharField(
        source="actor_label", help_text="E-mail address of the actor at the time."
    )
    object = serializers.CharField(
        source="object_ref", help_text="Type and id, e.g. tickets.ticket:42."
    )
    changes = serializers.JSONField(
        help_text='{"field": ["old", "new"]} or figures of the action.'
    )

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "created_at",
            "actor",
            "who",
            "action",
            "object",
            "object_type",
            "object_id",
            "object_label",
            "changes",
            "ip",
        ]
        read_only_fields = fields
