from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campaigns.models import Campaign, CampaignMetric, Enrolment, Goal, Material
from campaigns.vocabulary import METRIC_CHOICES
from hub.api.serializers import confirm_field
from hub.models import Region


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["metric", "target"]
        extra_kwargs = {
            "metric": {"help_text": "Metric code from the figure vocabulary."},
            "target": {"help_text": "Target for the whole campaign."},
        }


class EnrolmentSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Network slug."
    )

    class Meta:
        model = Enrolment
        fields = ["network", "status", "invited_at", "responded_at"]
        read_only_fields = fields


class MaterialSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField(help_text="guide, link or file.")
    href = serializers.SerializerMethodField(
        help_text="Where to open it: the guide's page, the link, or the download."
    )

    class Meta:
        model = Material
        fields = ["title", "kind", "href"]
        read_only_fields = fields

    def get_kind(self, material) -> str:
        if material.guide_id:
            return "guide"
        return "file" if material.file else "link"

    def get_href(self, material) -> str:
        if material.guide_id:
            return material.guide.get_absolute_url()
        if material.file:
            return reverse(
                "campaigns:material", args=[material.campaign_id, material.pk]
            )
        return material.url


class CampaignSerializer(serializers.ModelSerializer):
    """A campaign as the caller may see it (networks see only their enrolments)."""

    regions = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Region codes."
    )
    owner = serializers.EmailField(
        source="owner.email", read_only=True, help_text="E-mail of the owner."
    )
    goals = GoalSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    enrolments = serializers.SerializerMethodField(
        help_text="Enrolled networks (a network member sees only their own)."
    )
    totals = serializers.SerializerMethodField(
        help_text="Campaign totals by metric code, as the campaign page shows them "
        "(networks added per day, then days rolled up by metric); a network member "
        "gets their own networks' figures only."
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "status",
            "regions",
            "start_date",
            "end_date",
            "owner",
            "description",
            "goals",
            "materials",
            "enrolments",
            "totals",
        ]
        read_only_fields = fields

    def get_enrolments(self, campaign) -> list[dict]:
        allowed = self.context.get("network_ids")
        rows = [
            e
            for e in campaign.enrolments.all()
            if allowed is None or e.network_id in allowed
        ]
        return EnrolmentSerializer(rows, many=True).data

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_totals(self, campaign) -> dict:
        totals = self.context.get("totals", {}).get(campaign.pk, {})
        return {code: str(value) for code, value in totals.items()}


class CampaignInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=160, help_text="Campaign name.")
    kind = serializers.ChoiceField(choices=Campaign.Kind.choices, help_text="Kind.")
    start_date = serializers.DateField(help_text="First day (YYYY-MM-DD).")
    end_date = serializers.DateField(help_text="Last day (YYYY-MM-DD).")
    description = serializers.CharField(
        required=False, allow_blank=True, help_text="What the campaign is about."
    )
    regions = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Region.objects.all(),
        required=False,
        help_text="Region codes.",
    )


class TransitionSerializer(serializers.Serializer):
    # A plain string (the service refuses invalid moves with a clear message); a
    # second enum of campaign statuses would collide in the schema's enum names.
    status = serializers.CharField(
        max_length=16,
        help_text="The next status: setup, live, review or closed (setup may go "
        "back to draft).",
    )
    confirm = confirm_field()


class MetricSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="Network slug."
    )

    class Meta:
        model = CampaignMetric
        fields = ["network", "date", "metric", "value", "updated_at"]
        read_only_fields = fields


class MetricRowSerializer(serializers.Serializer):
    """One row of a bulk upsert (documentation only: rows are validated as a batch)."""

    network = serializers.SlugField(help_text="Network slug (enrolled, accepted).")
    date = serializers.DateField(help_text="Day within the campaign (YYYY-MM-DD).")
    metric = serializers.ChoiceField(choices=METRIC_CHOICES, help_text="Metric code.")
    value = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="Non-negative number."
    )


class MetricLoadResultSerializer(serializers.Serializer):
    new = serializers.IntegerField(help_text="Rows created.")
    changed = serializers.IntegerField(help_text="Rows whose value was updated.")
    unchanged = serializers.IntegerField(help_text="Rows already stored as sent.")


class GoalResultSerializer(serializers.Serializer):
    metric = serializers.CharField(help_text="Metric code.")
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    actual = serializers.DecimalField(
        max_digits=16, decimal_places=2, help_text="The metric's total so far."
    )
    percent = serializers.IntegerField(help_text="Actual as a share of the target.")
    met = serializers.BooleanField()


class CampaignDetailSerializer(CampaignSerializer):
    """One campaign with its performance, from ``campaigns.selectors.
    campaign_performance`` (the campaign page's figures; a network member's are
    their own network's only)."""

    totals = serializers.SerializerMethodField(
        help_text="Total per metric code, rolled up as the metric says (sum, best "
        "day or average)."
    )
    goal_results = serializers.SerializerMethodField(
        help_text="Each goal against the actual total."
    )

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "goal_results"]
        read_only_fields = fields

    def get_totals(self, campaign) -> dict[str, str]:
        totals = self.context["performance"].totals
        return {code: str(value) for code, value in totals.items()}

    @extend_schema_field(GoalResultSerializer(many=True))
    def get_goal_results(self, campaign) -> list[dict]:
        goals = self.context["performance"].goals
        return GoalResultSerializer(
            [
                {
                    "metric": g.metric,
                    "target": g.target,
                    "actual": g.actual,
                    "percent": g.percent,
                    "met": g.met,
                }
                for g in goals
            ],
            many=True,
        ).data


class EnrolmentInviteSerializer(serializers.Serializer):
    networks = serializers.ListField(
        child=serializers.SlugField(),
        allow_empty=False,
        max_length=500,
        help_text="Slugs of the networks to invite (already invited ones are "
        "left as they are).",
    )


class EnrolmentRespondSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(
        choices=[Enrolment.Status.ACCEPTED, Enrolment.Status.DECLINED],
        help_text="accepted or declined.",
    )
    network = serializers.SlugField(
        required=False,
        help_text="Which of your networks answers (needed only when several of "
        "yours are invited).",
    )
