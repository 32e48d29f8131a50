from django.urls import reverse
from rest_framework import serializers

from marketing.engagement import METRIC_CHOICES
from marketing.models import BrandAsset, ContentItem, Event, Registration


class EventSerializer(serializers.ModelSerializer):
    seats_taken = serializers.IntegerField(read_only=True, help_text="Seats held.")
    waitlisted = serializers.IntegerField(read_only=True, help_text="People waiting.")
    calendar = serializers.SerializerMethodField(help_text="The .ics download.")

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "capacity",
            "online_url",
            "venue",
            "status",
            "recording_url",
            "slides_url",
            "seats_taken",
            "waitlisted",
            "calendar",
        ]
        read_only_fields = ["status"]
        extra_kwargs = {
            "starts_at": {"help_text": "ISO 8601 with offset."},
            "ends_at": {"help_text": "ISO 8601 with offset; after starts_at."},
            "capacity": {"help_text": "Seats; null for no limit."},
        }

    def get_calendar(self, event) -> str:
        return reverse("marketing:event_calendar", args=[event.pk])

    def validate(self, data):
        starts = data.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = data.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": ["Must be after starts_at."]})
        if data.get("capacity") == 0:
            raise serializers.ValidationError({"capacity": ["At least 1, or null."]})
        return data


class RegistrationSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    user = serializers.StringRelatedField()

    class Meta:
        model = Registration
        fields = ["id", "user", "network", "status", "queued_at", "rating", "comment"]
        read_only_fields = fields


class ContentItemSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The network's slug."
    )

    class Meta:
        model = ContentItem
        fields = [
            "id",
            "network",
            "creator_handle",
            "url",
            "kind",
            "posted_at",
            "campaign",
            "hashtags",
        ]
        extra_kwargs = {"url": {"validators": []}}


class ContentItemInputSerializer(ContentItemSerializer):
    network = serializers.SlugField(
        required=False, help_text="Your network's slug (needed with several)."
    )

    class Meta(ContentItemSerializer.Meta):
        pass


class ContentDetailSerializer(ContentItemSerializer):
    totals = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2), read_only=True
    )
    engagement_rate = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text="(likes + comments + shares) / views, in %.",
    )

    class Meta(ContentItemSerializer.Meta):
        fields = [*ContentItemSerializer.Meta.fields, "totals", "engagement_rate"]


class ContentMetricRowSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="The content item's URL.")
    date = serializers.CharField(help_text="YYYY-MM-DD.")
    metric = serializers.ChoiceField(choices=METRIC_CHOICES, help_text="Metric code.")
    value = serializers.CharField(help_text="A number ≥ 0.")


class LoadResultSerializer(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class BrandAssetSerializer(serializers.ModelSerializer):
    current_version = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField(
        help_text="Download of the current version."
    )

    class Meta:
        model = BrandAsset
        fields = ["id", "title", "kind", "usage_notes", "current_version", "download"]
        read_only_fields = fields

    def _current(self, asset):
        return asset.current_versions[0] if asset.current_versions else None

    def get_current_version(self, asset) -> int | None:
        current = self._current(asset)
        return current.number if current else None

    def get_download(self, asset) -> str | None:
        return (
            reverse("marketing:asset_download", args=[asset.pk])
            if self._current(asset)
            else None
        )
