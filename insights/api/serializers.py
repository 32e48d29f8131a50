from rest_framework import serializers

from hub.api.serializers import confirm_field
from insights.models import FeedbackItem, RecurringGroup, SearchGap


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


class FeedbackItemSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text="Product area."
    )
    ticket_count = serializers.IntegerField(read_only=True)
    network_count = serializers.IntegerField(
        read_only=True, help_text="Networks asking."
    )

    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "title",
            "area",
            "status",
            "note",
            "ticket_count",
            "network_count",
            "updated_at",
        ]
        read_only_fields = fields


class FeedbackItemInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    area = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=80,
        help_text="Product area by name (created when new).",
    )
    tickets = serializers.ListField(
        child=serializers.CharField(max_length=20),
        required=False,
        max_length=500,
        help_text="References of the feedback tickets (HUB-000123).",
    )


class FeedbackStatusSerializer(serializers.Serializer):
    # a plain string: the service names the choices in its refusal
    status = serializers.CharField(
        max_length=12, help_text="new, relayed, planned, shipped or declined."
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    confirm = confirm_field()


class SearchGapSerializer(serializers.ModelSerializer):
    label = serializers.CharField(
        read_only=True, help_text="The most typical search of the gap."
    )
    size = serializers.IntegerField(
        read_only=True, help_text="Searches in the gap (found nothing or not opened)."
    )
    network_count = serializers.IntegerField(
        read_only=True, help_text="Number of networks that searched."
    )
    no_results = serializers.IntegerField(
        read_only=True, help_text="Searches of the gap that found nothing."
    )
    sample_queries = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The most frequent searches of the gap (at most 8), normalised.",
    )
    first_seen = serializers.DateTimeField(read_only=True)
    last_seen = serializers.DateTimeField(read_only=True)
    article = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Slug of a published article, later than the searches, that "
        "answers them, or null.",
    )
    answered = serializers.BooleanField(
        read_only=True, help_text="Whether a published article answers the gap."
    )
    draft_article = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="Id of the article drafted from the gap, or null.",
    )
    computed_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = SearchGap
        fields = [
            "id",
            "label",
            "size",
            "network_count",
            "no_results",
            "sample_queries",
            "first_seen",
            "last_seen",
            "article",
            "answered",
            "draft_article",
            "computed_at",
        ]
