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
    language = serializers.CharField(
        source="default_language",
        read_only=True,
        help_text="The network's default language (`en`, `zh-hans`, `id`, `ar`).",
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


class TokenRequestSerializer(serializers.Serializer):
    """Sign in for a token: e-mail, password and, when the account uses one, the
    second factor. ``counts_as_failure`` tells the view a guess was wrong."""

    username = serializers.CharField(
        max_length=254, help_text="The e-mail address you sign in with."
    )
    password = serializers.CharField(
        trim_whitespace=False, style={"input_type": "password"}, write_only=True
    )
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text=(
            "The 6-digit code of your authenticator app (or a recovery code): "
            "required when the account signs in with a second factor."
        ),
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=80,
        help_text="A name for the token, shown on /accounts/tokens/.",
    )

    counts_as_failure = False

    def validate(self, attrs):
        from django.contrib.auth import authenticate
        from django.utils.translation import gettext as _

        from core.exceptions import PermissionDeniedError
        from hub import two_factor

        user = authenticate(
            self.context.get("request"),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            self.counts_as_failure = True
            raise serializers.ValidationError(
                _("Unable to log in with provided credentials."), code="authorization"
            )
        if two_factor.must_use_second_factor(user):
            if not two_factor.has_second_factor(user):
                raise PermissionDeniedError(
                    _(
                        "This account must sign in with a second factor: set it up "
                        "at /accounts/two-factor/ before asking for a token."
                    )
                )
            if not attrs.get("otp"):
                raise serializers.ValidationError(
                    {
                        "otp": [
                            _("This account signs in with a one-time code: send otp.")
                        ]
                    }
                )
            if not two_factor.second_factor_verify(user=user, code=attrs["otp"]):
                self.counts_as_failure = True
                raise serializers.ValidationError(
                    {"otp": [_("That code is not right.")]}
                )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text="Send it as `Authorization: Token <token>`. Shown only now."
    )
    name = serializers.CharField()
    expires_at = serializers.DateTimeField()


class ErasureResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The erased account's id.")
    erased = serializers.BooleanField()
    removed = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Records removed, by relation (e.g. hub.Membership.user).",
    )


class ConfirmationRequiredSerializer(serializers.Serializer):
    """The 409 answer to a final or outward-facing step sent without a confirmation
    (``core.exceptions.ConfirmationRequiredError``)."""

    message = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(), default=dict)
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="What the portal's confirmation step says before this step.",
    )
    confirm = serializers.CharField(
        help_text='"send confirm=true to proceed": repeat the request with '
        '`"confirm": true`.'
    )


def confirm_field():
    """The ``confirm`` flag of a step the portal asks about first."""
    return serializers.BooleanField(
        required=False,
        default=False,
        help_text="Required (true) when the step has warnings: without it the "
        "answer is 409 with the warnings and nothing changes.",
    )
