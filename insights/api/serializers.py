from rest_framework import serializers

from insights.models import RecurringGroup


class RecurringGroupSerializer(serializers.ModelSerializer):
    label = serializers.CharField(
        read_only=True, help_text="The group's most typical ticket subject."
    )
    size = serializers.IntegerField(
        read_only=True, help_text="Number of tickets in the group."
    )
    network_count = serializers.IntegerField(
        read_only=True, help_text="Number of networks that asked."
    )
    tickets = serializers.SerializerMethodField(
        help_text="References of the group's tickets (HUB-000123)."
    )
    article = serializers.SerializerMethodField(
        help_text="Slug of a published article that answers it, or null."
    )
    computed_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = RecurringGroup
        fields = [
            "id",
            "label",
            "size",
            "network_count",
            "tickets",
            "article",
            "computed_at",
        ]

    def get_tickets(self, group) -> list[str]:
        return [ticket.reference for ticket in group.tickets.all()]

    def get_article(self, group) -> str | None:
        return group.article.slug if group.article_id else None
