"""``Authorization: Token <secret>`` against the hashed tokens of ``hub.tokens``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's token scheme (same header, same 401 answers) over ``hub.ApiToken``:
    the secret is hashed and looked up with its user in one query; expired tokens,
    revoked ones and inactive accounts are refused alike. Once the person is known
    the request speaks their language (``hub.languages``: the middleware ran
    before the token was read)."""

    def authenticate(self, request):
        from hub.languages import language_activate_for

        result = super().authenticate(request)
        if result is not None:
            language_activate_for(request, result[0])
        return result

    def authenticate_credentials(self, key):
        from hub.tokens import api_token_authenticate

        token = api_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return (token.user, token)
