from rest_framework import serializers

from hub.models import CreatorNetwork


class NetworkSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="Region code, e.g. `anz`."
    )
    manager = serializers.EmailField(
        source="manager.email",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="E-mail of the assigned agency manager.",
    )

    class Meta:
        model = CreatorNetwork
        fields = [
            "id",
            "name",
            "slug",
            "region",
            "tier",
            "status",
            "manager",
            "time_zone",
            "language",
            "created_at",
        ]
        read_only_fields = fields


class ErasureResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The erased account's id.")
    erased = serializers.BooleanField()
    removed = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Records removed, by relation (e.g. hub.Membership.user).",
    )
