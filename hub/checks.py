"""System checks for the account settings (``manage.py check`` and every start)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def account_settings(app_configs=None, **kwargs):
    errors = []
    if settings.HUB_STAFF_2FA not in ("required", "optional"):
        errors.append(
            checks.Error(
                f"HUB_STAFF_2FA is {settings.HUB_STAFF_2FA!r}; it must be 'required' "
                "or 'optional'.",
                id="hub.E001",
            )
        )
    if settings.HUB_TRUSTED_PROXY_COUNT < 0:
        errors.append(
            checks.Error("HUB_TRUSTED_PROXY_COUNT cannot be negative.", id="hub.E002")
        )
    if settings.HUB_API_TOKEN_TTL_DAYS < 1:
        errors.append(
            checks.Error("HUB_API_TOKEN_TTL_DAYS must be at least 1.", id="hub.E003")
        )
    return errors
