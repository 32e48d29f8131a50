"""API tokens (SPEC §10; findings 2 and 5 of issue 14): stored hashed, named,
expiring, revocable by their owner, and dead once the password changes, is reset,
or the account is deactivated."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.models import ApiToken
from hub.tokens import api_token_create, token_digest
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _ask_for_token(api_client, user, **extra):
    return api_client.post(
        "/api/v1/auth/token/",
        {"username": user.email, "password": PASSWORD, **extra},
        format="json",
    )


def _works(api_client, secret) -> bool:
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    status = api_client.get("/api/v1/networks/").status_code
    api_client.credentials()
    return status == 200


def test_the_endpoint_answers_a_named_expiring_token_kept_only_as_a_digest(
    api_client, member_a, settings
):
    settings.HUB_API_TOKEN_TTL_DAYS = 90
    response = _ask_for_token(api_client, member_a, name="Reporting script")
    assert response.status_code == 200
    body = response.json()
    secret = body["token"]
    assert body["name"] == "Reporting script"
    row = ApiToken.objects.get(user=member_a)
    assert row.name == "Reporting script"
    assert row.digest == token_digest(secret) and secret not in row.digest
    assert abs(row.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(
        minutes=1
    )
    # the secret is nowhere in the database
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hub_apitoken")
        assert secret not in repr(cursor.fetchall())
    assert _works(api_client, secret)


def test_each_request_gets_a_new_token_never_the_same_one_again(api_client, member_a):
    # finding 5: the same token was even issued again after a reset
    first = _ask_for_token(api_client, member_a).json()["token"]
    second = _ask_for_token(api_client, member_a).json()["token"]
    assert first != second
    assert ApiToken.objects.filter(user=member_a).count() == 2


def test_an_expired_token_is_refused(api_client, member_a):
    token, secret = api_token_create(user=member_a, name="old")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert not _works(api_client, secret)


def test_a_stolen_digest_is_not_a_token(api_client, member_a):
    token, _secret = api_token_create(user=member_a, name="x")
    assert not _works(api_client, token.digest)
    assert not _works(api_client, "hub_" + token.digest)


def test_token_authentication_costs_one_query(api_client, member_a):
    from hub.api.authentication import HashedTokenAuthentication

    _token, secret = api_token_create(user=member_a, name="x")
    with CaptureQueriesContext(connection) as queries:
        user, _auth = HashedTokenAuthentication().authenticate_credentials(secret)
        assert user.email == member_a.email
    assert len(queries) == 1


def test_a_password_change_ends_every_token(client_as, api_client, member_a):
    # finding 5: tokens survived a password change
    _token, secret = api_token_create(user=member_a, name="x")
    response = client_as(member_a).post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-Fresh-Secret-91",
            "new_password2": "a-Fresh-Secret-91",
        },
    )
    assert response.status_code == 302
    assert not _works(api_client, secret)
    assert not ApiToken.objects.filter(user=member_a).exists()


def test_a_password_reset_ends_every_token(
    client, api_client, member_a, django_capture_on_commit_callbacks
):
    from django.conf import settings

    _token, secret = api_token_create(user=member_a, name="x")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password_reset/", {"email": member_a.email})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line
    )
    response = client.get(link[len(settings.HUB_BASE_URL.rstrip("/")) :], follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-new-Secret-77", "new_password2": "a-new-Secret-77"},
    )
    member_a.refresh_from_db()
    assert member_a.check_password("a-new-Secret-77")
    assert not _works(api_client, secret)


def test_deactivating_an_account_ends_every_token(api_client, member_a):
    _token, secret = api_token_create(user=member_a, name="x")
    member_a.is_active = False
    member_a.save()
    assert not ApiToken.objects.filter(user=member_a).exists()
    assert not _works(api_client, secret)


def test_a_hash_upgrade_at_sign_in_is_not_a_password_change(member_a, settings):
    api_token_create(user=member_a, name="x")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert member_a.check_password(PASSWORD)  # re-hashed and saved
    assert member_a.password.startswith("pbkdf2")
    assert ApiToken.objects.filter(user=member_a).exists()


# --- the tokens page ----------------------------------------------------------------


def test_the_tokens_page_creates_a_named_token_shown_once(client_as, member_a):
    browser = client_as(member_a)
    response = browser.post("/accounts/tokens/", {"name": "CI uploads"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=member_a)
    html = response.content.decode()
    secret = html.split('<code class="secret">', 1)[1].split("</code>", 1)[0]
    assert token.digest == token_digest(secret)
    again = browser.get("/accounts/tokens/").content.decode()
    assert "CI uploads" in again and secret not in again
    assert token.prefix in again


def test_the_tokens_page_lists_only_ones_own_tokens(client_as, member_a, member_b):
    api_token_create(user=member_b, name="Bravo's secret script")
    html = client_as(member_a).get("/accounts/tokens/").content.decode()
    assert "Bravo" not in html


def test_a_person_revokes_their_token_but_not_someone_elses(
    client_as, api_client, member_a, member_b
):
    mine, my_secret = api_token_create(user=member_a, name="mine")
    theirs, their_secret = api_token_create(user=member_b, name="theirs")
    browser = client_as(member_a)
    assert browser.post(f"/accounts/tokens/{theirs.pk}/revoke/").status_code == 404
    assert _works(api_client, their_secret)
    assert browser.post(f"/accounts/tokens/{mine.pk}/revoke/").status_code == 302
    assert not _works(api_client, my_secret)


def test_the_tokens_page_costs_the_same_queries_for_one_token_or_ten(
    client_as, member_a
):
    browser = client_as(member_a)
    api_token_create(user=member_a, name="one")
    browser.get("/accounts/tokens/")  # warm the session
    with CaptureQueriesContext(connection) as one:
        browser.get("/accounts/tokens/")
    for n in range(9):
        api_token_create(user=member_a, name=f"more {n}")
    with CaptureQueriesContext(connection) as ten:
        assert browser.get("/accounts/tokens/").content.decode().count("Revoke") == 10
    # session, user, memberships and announcements (the banner), the tokens
    assert len(one) == len(ten) == 5, [q["sql"] for q in ten.captured_queries]
