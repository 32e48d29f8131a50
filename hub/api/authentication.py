"""``Authorization: Token <secret>`` against the hashed tokens of ``hub.tokens``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's token scheme (same header, same 401 answers) over ``hub.ApiToken``:
    the secret is hashed and looked up with its user in one query; expired tokens,
    revoked ones and inactive accounts are refused alike."""

    def authenticate_credentials(self, key):
        from hub.tokens import api_token_authenticate

        token = api_token_authenticate(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return (token.user, token)
