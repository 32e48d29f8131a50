"""E-mails about people's own accounts, built when they are sent."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hub.emails import send_email
from hub.languages import email_language
from hub.models import User


def password_reset_url(user: User) -> str:
    """A signed, single-use link (it dies when the password or last sign-in changes)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.HUB_BASE_URL.rstrip("/") + path


def send_password_reset(*, user_ids: list[int]) -> int:
    """Send each still-active account with a usable password its reset link.

    The audit row is written here, at send time, not in the request: the request
    does the same work for a real and an unknown address (finding 9).
    """
    from audit.services import audit_record

    sent = 0
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        if not user.has_usable_password():
            continue
        audit_record(actor=None, action="password_reset.sent", obj=user)
        sent += send_email(
            to=[user.email],
            language=email_language(user),
            template="password_reset",
            context={"email": user.email, "reset_url": password_reset_url(user)},
        )
    return sent
