"""The second factor (SPEC §10): TOTP with recovery codes, ``HUB_STAFF_2FA``,
enforced on the portal, the admin (its login too) and the token endpoint."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.models import RecoveryCode
from hub.two_factor import recovery_code_digest, recovery_codes_regenerate
from tests.hub.factories import PASSWORD, totp_code, totp_device_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def required(settings):
    settings.HUB_STAFF_2FA = "required"


def _wait_out_the_back_off(device):
    """django-otp waits 1, 2, 4… s after each wrong code; let that time pass."""
    from datetime import timedelta

    from django.utils import timezone

    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def _sign_in(client, user, path="/accounts/login/"):
    return client.post(path, {"username": user.email, "password": PASSWORD})


# --- setting it up -----------------------------------------------------------------


def test_enrolment_shows_a_server_drawn_qr_code_and_the_otpauth_uri(client_as, manager):
    html = client_as(manager).get("/accounts/two-factor/setup/").content.decode()
    assert "<svg" in html and "otpauth://totp/" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert not TOTPDevice.objects.exists()  # nothing is stored until confirmed


def test_the_first_right_code_turns_it_on_and_shows_hashed_recovery_codes_once(
    client_as, manager
):
    browser = client_as(manager)
    browser.get("/accounts/two-factor/setup/")
    key = browser.session["hub_2fa_setup"]
    response = browser.post("/accounts/two-factor/setup/", {"code": totp_code(key)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9-]{19})</code>", response.content.decode())
    assert len(codes) == 10
    device = TOTPDevice.objects.get(user=manager, confirmed=True)
    assert device.key == key
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert stored == {recovery_code_digest(code) for code in codes}
    assert not any(code in stored for code in codes)
    page = browser.get("/accounts/two-factor/").content.decode()
    assert codes[0] not in page


def test_a_wrong_first_code_turns_nothing_on(client_as, manager):
    browser = client_as(manager)
    browser.get("/accounts/two-factor/setup/")
    response = browser.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    assert not TOTPDevice.objects.exists()


# --- signing in with it --------------------------------------------------------------


def test_with_a_device_the_password_alone_reaches_nothing(client, manager):
    totp_device_for(manager)
    response = _sign_in(client, manager)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/verify/")
    for path in ("/", "/tickets/", "/admin/", "/accounts/tokens/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/verify/"), path
    api = client.get("/api/v1/tickets/")
    assert api.status_code == 403
    assert api.json()["message"]


def test_the_right_code_completes_the_sign_in(client, manager):
    device = totp_device_for(manager)
    _sign_in(client, manager)
    response = client.post(
        "/accounts/login/verify/", {"otp": totp_code(device), "next": "/tickets/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/tickets/"
    assert client.get("/tickets/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_only_once(client, manager):
    device = totp_device_for(manager)
    code = totp_code(device)
    _sign_in(client, manager)
    client.post("/accounts/login/verify/", {"otp": code})
    other = Client()
    _sign_in(other, manager)
    response = other.post("/accounts/login/verify/", {"otp": code})
    assert response.status_code == 200  # replayed: refused
    assert other.get("/").status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, manager, settings):
    settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    device = totp_device_for(manager)
    _sign_in(client, manager)
    for _ in range(3):
        client.post("/accounts/login/verify/", {"otp": "000000"})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    response = client.post("/accounts/login/verify/", {"otp": totp_code(device)})
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_a_recovery_code_signs_in_once(client, manager):
    totp_device_for(manager)
    codes = recovery_codes_regenerate(user=manager)
    _sign_in(client, manager)
    assert client.post("/accounts/login/verify/", {"otp": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    assert RecoveryCode.objects.filter(device__user=manager).count() == 9
    again = Client()
    _sign_in(again, manager)
    assert again.post("/accounts/login/verify/", {"otp": codes[0]}).status_code == 200


def test_the_admin_login_asks_for_the_code_too(client, manager):
    device = totp_device_for(manager)
    response = _sign_in(client, manager, "/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/verify/")
    assert client.get("/admin/").status_code == 302
    client.post(
        "/accounts/login/verify/", {"otp": totp_code(device), "next": "/admin/"}
    )
    assert client.get("/admin/").status_code == 200


# --- HUB_STAFF_2FA=required ----------------------------------------------------------


def test_required_staff_without_a_device_are_sent_to_enrolment(
    client, manager, required
):
    response = _sign_in(client, manager)
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get("/tickets/")["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get("/admin/").status_code == 302
    # setting it up finishes the sign-in
    client.get("/accounts/two-factor/setup/")
    key = client.session["hub_2fa_setup"]
    client.post("/accounts/two-factor/setup/", {"code": totp_code(key)})
    assert client.get("/tickets/").status_code == 200


def test_required_staff_via_the_admin_login_are_sent_to_enrolment(
    client, intern, required
):
    response = _sign_in(client, intern, "/admin/login/?next=/admin/")
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    assert client.get("/admin/faq/article/").status_code == 302


def test_required_staff_cannot_turn_it_off(client_as, manager, required):
    device = totp_device_for(manager)
    browser = client_as(manager)
    browser.post("/accounts/login/verify/", {"otp": totp_code(device)})
    browser.post(
        "/accounts/two-factor/disable/", {"otp": totp_code(device, steps_ahead=1)}
    )
    assert TOTPDevice.objects.filter(user=manager).exists()


def test_network_members_are_not_asked_when_required_is_for_staff(
    client, member_a, required
):
    response = _sign_in(client, member_a)
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_optional_staff_may_turn_it_off_with_a_current_code(client_as, manager):
    device = totp_device_for(manager)
    browser = client_as(manager)
    browser.post("/accounts/login/verify/", {"otp": totp_code(device)})
    browser.post("/accounts/two-factor/disable/", {"otp": "000000"})
    assert TOTPDevice.objects.filter(user=manager).exists()
    _wait_out_the_back_off(device)
    browser.post(
        "/accounts/two-factor/disable/", {"otp": totp_code(device, steps_ahead=1)}
    )
    assert not TOTPDevice.objects.filter(user=manager).exists()


# --- the token endpoint ---------------------------------------------------------------


def _token(api_client, user, **extra):
    return api_client.post(
        "/api/v1/auth/token/",
        {"username": user.email, "password": PASSWORD, **extra},
        format="json",
    )


def test_required_staff_without_a_second_factor_get_no_token(
    api_client, manager, required
):
    response = _token(api_client, manager)
    assert response.status_code == 403
    assert "second factor" in response.json()["message"]


def test_with_a_second_factor_the_token_endpoint_wants_otp(api_client, manager):
    device = totp_device_for(manager)
    response = _token(api_client, manager)
    assert response.status_code == 400
    assert "otp" in response.json()["errors"]
    assert _token(api_client, manager, otp="000000").status_code == 400
    # straight after a wrong code even the right one waits (django-otp's back-off)
    assert _token(api_client, manager, otp=totp_code(device)).status_code == 400
    _wait_out_the_back_off(device)
    response = _token(api_client, manager, otp=totp_code(device))
    assert response.status_code == 200
    assert response.json()["token"].startswith("hub_")


def test_required_staff_with_the_code_get_their_token(api_client, manager, required):
    device = totp_device_for(manager)
    assert _token(api_client, manager, otp=totp_code(device)).status_code == 200


def test_wrong_otps_lock_the_token_endpoint_like_wrong_passwords(api_client, manager):
    totp_device_for(manager)
    for _ in range(5):
        _token(api_client, manager, otp="000000")
    assert _token(api_client, manager, otp="000000").status_code == 429
