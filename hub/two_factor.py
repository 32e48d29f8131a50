"""The second factor: TOTP (an authenticator app) with single-use recovery codes.

Who must use one: ``HUB_STAFF_2FA`` — ``required`` makes every staff account use it
(the production default), ``optional`` lets staff choose (``make run``, the demo,
the tests). Anyone who has set one up uses it at every sign-in, staff or not.

The devices are django-otp's (``TOTPDevice``: RFC 6238, replay protection, clock
drift, exponential back-off after failures) and ``hub.RecoveryCodeDevice`` (codes
stored as SHA-256 digests: 80 random bits each, so a digest cannot be reversed).

A session's progress is one session key, written when someone signs in (the
``user_logged_in`` signal) so that requests pay no query for it:
``ok`` (nothing to do), ``verify`` (password given, code not yet) or ``enrol`` (must
set up a second factor first). ``hub.middleware.SecondFactorMiddleware`` keeps a
session in ``verify`` or ``enrol`` away from everything but those pages.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from audit.services import audit_record
from core.exceptions import ApplicationError
from hub import permissions as access
from hub.models import RecoveryCode, RecoveryCodeDevice

REQUIRED, OPTIONAL = "required", "optional"
SESSION_KEY = "hub_2fa"
SETUP_KEY = "hub_2fa_setup"  # the secret being set up, until its first code is right
OK, VERIFY, ENROL = "ok", "verify", "enrol"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (0/o, 1/l/i)


def mode() -> str:
    value = settings.HUB_STAFF_2FA
    if value not in (REQUIRED, OPTIONAL):
        raise ImproperlyConfigured(
            f"HUB_STAFF_2FA must be 'required' or 'optional', not {value!r}."
        )
    return value


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_use_second_factor(user) -> bool:
    """Staff when ``HUB_STAFF_2FA=required``, and anyone who has set one up."""
    if access.is_staff_member(user) and mode() == REQUIRED:
        return True
    return has_second_factor(user)


def may_turn_off(user) -> bool:
    return not (access.is_staff_member(user) and mode() == REQUIRED)


# --- the session's state ---------------------------------------------------------


def initial_state(user) -> str:
    if has_second_factor(user):
        return VERIFY
    if access.is_staff_member(user) and mode() == REQUIRED:
        return ENROL
    return OK


def on_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: decide what this session still owes (see module doc)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = initial_state(user)


def session_state(request) -> str:
    """The state of the signed-in session (computed once for older sessions)."""
    state = request.session.get(SESSION_KEY)
    if state is None:
        state = initial_state(request.user)
        request.session[SESSION_KEY] = state
    return state


def session_satisfied(request) -> bool:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return True
    return session_state(request) == OK


def mark_verified(request) -> None:
    request.session.cycle_key()  # a fresh session id once fully signed in
    request.session[SESSION_KEY] = OK


# --- recovery codes ---------------------------------------------------------------


def recovery_code_digest(code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normal.encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    """Replace the person's recovery codes; returns the new ones (shown once)."""
    if not has_second_factor(user):
        raise ApplicationError(_("Set up an authenticator app first."))
    device, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes"}
    )
    device.codes.all().delete()
    codes = [_new_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, digest=recovery_code_digest(code)) for code in codes
    )
    audit_record(
        actor=user,
        action="two_factor.recovery_codes",
        obj=user,
        changes={"codes": len(codes)},
    )
    return codes


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


# --- setting up and turning off ----------------------------------------------------


def setup_secret(request) -> str:
    """The hex secret being set up in this session (new on the first visit)."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = random_hex(20)
        request.session[SETUP_KEY] = key
    return key


def base32_secret(key: str) -> str:
    """The key as people type it into an app (groups of four)."""
    from base64 import b32encode
    from binascii import unhexlify

    text = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_uri(*, user, key: str) -> str:
    return TOTPDevice(user=user, key=key, name="Authenticator").config_url


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as inline SVG, drawn on the server (no script)."""
    import segno

    return segno.make(uri, error="m").svg_inline(scale=5, title=_("QR code"))


def _code(value: str) -> str:
    return "".join(str(value).split())


@transaction.atomic
def two_factor_enable(*, user, key: str, code: str) -> list[str]:
    """Confirm the authenticator with its first code; returns recovery codes."""
    code = _code(code)
    if has_second_factor(user):
        raise ApplicationError(_("Two-factor sign-in is already on."))
    if not (code.isdigit() and len(code) == 6):
        raise ApplicationError(
            _("Enter the 6-digit code your app shows."),
            extra={"fields": {"code": [_("Six digits.")]}},
        )
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    device = TOTPDevice(user=user, key=key, name="Authenticator", confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not totp.verify(int(code), device.tolerance):
        raise ApplicationError(
            _("That code is not right. Check your phone's clock and try again."),
            extra={"fields": {"code": [_("Not the code the app shows now.")]}},
        )
    device.last_t = totp.t()  # this code is spent
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    audit_record(actor=user, action="two_factor.enable", obj=user)
    return recovery_codes_regenerate(user=user)


@transaction.atomic
def two_factor_disable(*, user, actor=None) -> None:
    """Remove the authenticator and the recovery codes (a superuser may do this for
    someone who lost their phone; the person may when it is optional for them)."""
    removed, _counts = TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    if removed:
        audit_record(actor=actor or user, action="two_factor.disable", obj=user)


# --- checking a code -----------------------------------------------------------------


def second_factor_verify(*, user, code: str) -> str | None:
    """``"totp"`` or ``"recovery"`` when ``code`` is right, else None.

    Six digits go to the authenticator, anything else to the recovery codes; both
    devices back off exponentially after failures (django-otp's throttling).
    """
    from django_otp import verify_token

    code = _code(code)
    if not code or len(code) > 40:
        return None
    if code.isdigit():
        device = totp_device(user)
        kind = "totp"
    else:
        device = RecoveryCodeDevice.objects.filter(user=user).first()
        kind = "recovery"
    if device is None:
        return None
    if not verify_token(user, device.persistent_id, code):
        return None
    if kind == "recovery":
        audit_record(
            actor=user,
            action="two_factor.recovery_used",
            obj=user,
            changes={"codes_left": recovery_codes_left(user)},
        )
    return kind
