"""Validators shared by the apps' models."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

_web_url = URLValidator(schemes=["http", "https"])


def validate_link(value: str) -> None:
    """A link people may click: a path on the hub (``/faq/going-live/``) or an
    ``http``/``https`` address. ``javascript:``, ``data:`` and every other scheme
    are refused, as are protocol-relative (``//host``) and control characters."""
    if not value:
        return
    if any(ord(char) < 32 or char in "\\\x7f" for char in value):
        raise ValidationError(_("A link may not contain control characters or \\."))
    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        _web_url(value)
    except ValidationError:
        raise ValidationError(
            _("Use a path on the hub (/faq/…) or an http(s):// address."),
            code="unsafe_link",
        ) from None


def is_safe_link(value: str) -> bool:
    try:
        validate_link(value)
    except ValidationError:
        return False
    return True
