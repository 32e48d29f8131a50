"""API tokens: named, expiring, revocable, stored as a SHA-256 digest.

The secret is ``hub_`` followed by 43 URL-safe characters (256 random bits). Only
its digest is stored, so a copy of the database grants nobody access; because the
secret is random and long, a plain SHA-256 (no salt, no slow hash) is enough and
lets authentication find the row with one indexed lookup. A token dies when it
expires, when its owner revokes it on ``/accounts/tokens/``, and when the password
changes or the account is deactivated (``User.save``).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from hub.models import ApiToken, User

SECRET_PREFIX = "hub_"  # noqa: S105 - a marker, not a secret
PREFIX_SHOWN = 10  # "hub_" and six characters: enough to tell tokens apart
MAX_TOKENS_PER_USER = 20


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, ttl: timedelta | None = None
) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the secret (shown once)."""
    name = (name or "").strip()[:80] or _("API token")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one at a time
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ApplicationError(
            _("You have %(count)d tokens; revoke one you no longer use first.")
            % {"count": MAX_TOKENS_PER_USER}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    ttl = ttl or timedelta(days=settings.HUB_API_TOKEN_TTL_DAYS)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_SHOWN],
        digest=token_digest(secret),
        expires_at=timezone.now() + ttl,
    )
    audit_record(
        actor=user,
        action="api_token.create",
        obj=token,
        changes={"name": token.name, "expires_at": token.expires_at},
    )
    return token, secret


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of ``user``'s own tokens (another person's answers 404)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFoundError(_("No such token."))
    audit_record(
        actor=user, action="api_token.revoke", obj=token, changes={"name": token.name}
    )
    token.delete()
    return token


def api_tokens_revoke_all(*, user: User, reason: str = "") -> int:
    """Revoke every token of ``user`` (password changed, account deactivated)."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    if deleted:
        audit_record(
            actor=user,
            action="api_token.revoke_all",
            obj=user,
            changes={"tokens": deleted, "reason": reason},
        )
    return deleted


def api_token_list(*, user: User):
    """The person's own tokens, newest first (only ever their own)."""
    return ApiToken.objects.filter(user=user).only(
        "pk", "name", "prefix", "created_at", "expires_at", "user_id"
    )


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The live token behind ``secret`` with its user, or None (one query)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token
