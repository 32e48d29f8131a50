from rest_framework import serializers

from faq.models import Article
from hub.models import CreatorNetwork, Region
from programmes.models import Application, CheckIn, FeatureTest


class ProgrammeSerializer(serializers.ModelSerializer):
    """A feature test as anyone allowed to see it sees it."""

    guide = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Slug of the KB guide (or null).",
    )
    regions = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Eligible region codes (empty: every region).",
    )
    owner = serializers.EmailField(
        source="owner.email", read_only=True, help_text="E-mail of the owner."
    )
    accepted = serializers.IntegerField(
        source="accepted_count", read_only=True, help_text="Networks taking part."
    )

    class Meta:
        model = FeatureTest
        fields = [
            "id",
            "name",
            "description",
            "guide",
            "start_date",
            "end_date",
            "capacity",
            "status",
            "regions",
            "tiers",
            "owner",
            "accepted",
        ]
        read_only_fields = fields


class ProgrammeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=160, help_text="The feature's name.")
    description = serializers.CharField(required=False, allow_blank=True)
    guide = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Article.objects.filter(kind=Article.Kind.GUIDE),
        required=False,
        allow_null=True,
        help_text="Slug of the knowledge-base guide.",
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    capacity = serializers.IntegerField(min_value=1, help_text="Networks that fit.")
    regions = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        many=True,
        required=False,
        help_text="Eligible region codes (none: every region).",
    )
    tiers = serializers.ListField(
        child=serializers.CharField(max_length=16),
        required=False,
        help_text="Eligible network tiers: "
        + ", ".join(CreatorNetwork.Tier.values)
        + " (none: every tier).",
    )


class ProgrammeTransitionSerializer(serializers.Serializer):
    # a plain string: the service answers a wrong one with a field error (and a
    # second enum of the same statuses would collide in the schema's enum names)
    status = serializers.CharField(
        max_length=12, help_text="The next status: running, then closed."
    )


class ApplicationSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Network slug."
    )

    class Meta:
        model = Application
        fields = ["id", "network", "status", "invited", "created_at", "decided_at"]
        read_only_fields = fields


class ApplicationInputSerializer(serializers.Serializer):
    """A network member applies (``network`` when they belong to several); an
    agency manager invites (``networks``)."""

    network = serializers.SlugField(required=False, help_text="Applying network.")
    networks = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        help_text="Managers: slugs of networks to invite.",
    )


class ApplicationStatusSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=10, help_text="accepted or declined.")


class CheckInSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Network slug."
    )
    ticket = serializers.SlugRelatedField(
        slug_field="reference",
        read_only=True,
        help_text="The feedback ticket its issues became (or null).",
    )

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "network",
            "week",
            "rating",
            "works",
            "issues",
            "comment",
            "ticket",
            "created_at",
        ]
        read_only_fields = fields


class CheckInInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5, help_text="1–5.")
    works = serializers.BooleanField(help_text="Does it work as expected?")
    issues = serializers.CharField(
        required=False, allow_blank=True, max_length=5000, help_text="Issues found."
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    network = serializers.SlugField(
        required=False, help_text="Your network, when you belong to several."
    )
