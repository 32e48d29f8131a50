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
        help_text="References of the group's most recent tickets (at most 100; "
        "`size` counts them all)."
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
        references = self.context.get("references")
        if references is None:
            from insights.selectors import recurring_references

            references = recurring_references(group_ids=[group.pk])
        return references.get(group.pk, [])

    def get_article(self, group) -> str | None:
        return group.article.slug if group.article_id else None
