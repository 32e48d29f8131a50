import re
import time

import pytest
from django.core import mail

from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I
)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def test_pages_carry_a_strict_content_security_policy(client_as, member_a):
    response = client_as(member_a).get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(
        p for p in policy.split(";") if p.strip().startswith("script-src")
    )
    assert script_src.strip() == "script-src 'self'"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/api/docs/", "/hub/networks/"]
)
def test_pages_have_no_inline_scripts_or_event_handlers(client_as, manager, path):
    html = client_as(manager).get(path, follow=True).content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER.search(html)


def _fail_login(client, email, times):
    for _ in range(times):
        response = client.post(
            "/accounts/login/", {"username": email, "password": "wrong"}
        )
    return response


def test_repeated_failures_lock_the_account_with_429(client, member_a):
    assert _fail_login(client, member_a.email, 4).status_code == 200
    response = _fail_login(client, member_a.email, 1)
    assert response.status_code == 200  # the fifth failure locks
    response = client.post(
        "/accounts/login/", {"username": member_a.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert int(response["Retry-After"]) > 0


def test_the_lock_expires_on_its_own(client, member_a, monkeypatch):
    _fail_login(client, member_a.email, 5)
    later = time.time() + 15 * 60 + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(
        "/accounts/login/", {"username": member_a.email, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_locked_out_person_can_still_reset_their_password(
    client, member_a, django_capture_on_commit_callbacks
):
    _fail_login(client, member_a.email, 5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password_reset/", {"email": member_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_one_address_guessing_many_accounts_is_locked(
    client, settings, member_a, member_b
):
    settings.HUB_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        client.post(
            "/accounts/login/", {"username": f"guess{n}@x.example", "password": "x"}
        )
    response = client.post(
        "/accounts/login/", {"username": member_b.email, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_a_successful_sign_in_clears_the_account_count(client, member_a):
    _fail_login(client, member_a.email, 4)
    assert (
        client.post(
            "/accounts/login/", {"username": member_a.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    client.logout()
    assert _fail_login(client, member_a.email, 4).status_code == 200
    assert (
        client.post(
            "/accounts/login/", {"username": member_a.email, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_the_token_endpoint_is_throttled_too(api_client, member_a):
    for _ in range(5):
        response = api_client.post(
            "/api/v1/auth/token/",
            {"username": member_a.email, "password": "no"},
            format="json",
        )
        assert response.status_code == 400
    response = api_client.post(
        "/api/v1/auth/token/",
        {"username": member_a.email, "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.json()["message"]
    assert response["Retry-After"]
