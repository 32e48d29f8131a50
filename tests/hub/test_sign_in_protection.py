"""Findings 6, 9 and 10 of issue 14, from the attacker's side: the admin login
locks like the portal's, lockouts follow the real client behind a proxy, nobody
locks a named account out at will, and password reset is rate-limited and does
the same work for real and unknown accounts."""

import pytest
from django.test import Client

from core.http import client_address
from hub import throttling
from hub.models import OutboxMessage
from tests.hub.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def _post_login(client, email, password, path="/accounts/login/", **headers):
    return client.post(path, {"username": email, "password": password}, **headers)


# --- finding 6: the admin login ---------------------------------------------------


def test_the_admin_login_locks_after_five_failures(client, manager):
    for _ in range(5):
        response = _post_login(client, manager.email, "wrong", "/admin/login/")
        assert response.status_code == 200
    response = _post_login(client, manager.email, PASSWORD, "/admin/login/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many failed sign-ins" in response.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in


def test_failures_on_the_admin_and_the_portal_count_together(client, manager):
    for path in ["/admin/login/"] * 3 + ["/accounts/login/"] * 2:
        _post_login(client, manager.email, "wrong", path)
    assert _post_login(client, manager.email, PASSWORD).status_code == 429


def test_the_admin_login_still_signs_staff_in_and_keeps_members_out(
    client, manager, member_a
):
    response = _post_login(
        client, manager.email, PASSWORD, "/admin/login/?next=/admin/"
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    other = Client()
    response = _post_login(other, member_a.email, PASSWORD, "/admin/login/")
    assert response.status_code == 200  # "staff only"
    assert other.get("/admin/").status_code == 302


# --- finding 10: behind a proxy ------------------------------------------------------


def _request(remote, forwarded=None):
    from django.test import RequestFactory

    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    assert client_address(_request("203.0.113.9", "1.2.3.4")) == ("203.0.113.9")


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a spoofed entry on the left
        (2, "6.6.6.6, 198.51.100.7, 192.0.2.1", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.5"),  # fewer hops than proxies: not trusted
        (1, "not-an-address", "10.0.0.5"),
        (1, None, "10.0.0.5"),
    ],
)
def test_the_client_is_read_from_the_right_of_x_forwarded_for(
    settings, count, forwarded, expected
):
    settings.HUB_TRUSTED_PROXY_COUNT = count
    assert client_address(_request("10.0.0.5", forwarded)) == expected


def test_behind_the_proxy_one_client_does_not_lock_out_the_others(
    client, settings, member_a, member_b
):
    # finding 10: keyed on REMOTE_ADDR, every client behind the proxy was one address
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    settings.HUB_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for n in range(6):
        _post_login(
            client, f"guess{n}@x.example", "x", HTTP_X_FORWARDED_FOR="6.6.6.6", **proxy
        )
    assert (
        _post_login(
            client, member_b.email, PASSWORD, HTTP_X_FORWARDED_FOR="6.6.6.6", **proxy
        ).status_code
        == 429
    )
    response = _post_login(
        Client(), member_a.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert response.status_code == 302


# --- finding 10: nobody locks a named account out at will -------------------------


def test_five_wrong_passwords_from_one_address_do_not_lock_the_owner_elsewhere(
    administrator,
):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(10):
        _post_login(attacker, administrator.email, "guess")
    assert _post_login(attacker, administrator.email, PASSWORD).status_code == 429
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert _post_login(owner, administrator.email, PASSWORD).status_code == 302


def test_a_distributed_guess_locks_new_browsers_but_not_the_owners(settings, member_a):
    settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE = 8
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert _post_login(owner, member_a.email, PASSWORD).status_code == 302
    owner.post("/accounts/logout/")
    for n in range(8):  # eight addresses, one guess each
        _post_login(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), member_a.email, "guess")
    stranger = Client(REMOTE_ADDR="203.0.113.200")
    assert _post_login(stranger, member_a.email, PASSWORD).status_code == 429
    # the browser the owner used before still signs in, from any address
    owner.defaults["REMOTE_ADDR"] = "192.0.2.44"
    assert _post_login(owner, member_a.email, PASSWORD).status_code == 302


def test_a_forged_known_browser_cookie_is_ignored(settings, member_a):
    settings.HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE = 3
    for n in range(3):
        _post_login(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), member_a.email, "guess")
    forger = Client(REMOTE_ADDR="203.0.113.99")
    forger.cookies[throttling.KNOWN_BROWSER_COOKIE] = '["anything"]:forged:sig'
    assert _post_login(forger, member_a.email, PASSWORD).status_code == 429


# --- finding 9: password reset ------------------------------------------------------------


def _reset(client, email):
    return client.post("/accounts/password_reset/", {"email": email})


def test_reset_does_the_same_work_for_a_real_and_an_unknown_account(
    client, member_a, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # finding 9: 7.0 ms for a real account, 2.9 ms for none: the link was hashed
    # and the e-mail rendered in the request only when the account existed
    for email in (member_a.email, "nobody@nowhere.example"):
        with (
            django_capture_on_commit_callbacks(execute=False) as callbacks,
            django_assert_num_queries(2),  # look the address up, record one row
        ):
            response = _reset(client, email)
        assert response.status_code == 302
        assert len(callbacks) == 1  # one send to the broker, after commit
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [row.task_name for row in rows] == [
        "hub.tasks.password_reset_email_task"
    ] * 2
    assert rows[0].kwargs == {"user_ids": [member_a.pk]}
    assert rows[1].kwargs == {"user_ids": []}


def test_reset_requests_are_limited_per_target_account(client, settings, member_a):
    settings.HUB_PASSWORD_RESETS_PER_ACCOUNT = 3
    settings.HUB_PASSWORD_RESETS_PER_ADDRESS = 100
    for n in range(3):
        other = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        assert _reset(other, member_a.email).status_code == 302
    response = _reset(Client(REMOTE_ADDR="203.0.113.50"), member_a.email)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert OutboxMessage.objects.count() == 3


def test_reset_requests_are_limited_per_address(client, settings):
    settings.HUB_PASSWORD_RESETS_PER_ADDRESS = 4
    for n in range(4):
        assert _reset(client, f"someone{n}@x.example").status_code == 302
    assert _reset(client, "someone-else@x.example").status_code == 429


def test_the_limit_is_the_same_for_unknown_addresses(client, settings, member_a):
    # a refusal must not tell who has an account
    settings.HUB_PASSWORD_RESETS_PER_ACCOUNT = 1
    statuses = []
    for email in (member_a.email, "nobody@nowhere.example"):
        _reset(Client(REMOTE_ADDR="203.0.113.1"), email)
        statuses.append(_reset(Client(REMOTE_ADDR="203.0.113.2"), email).status_code)
    assert statuses == [429, 429]


def test_the_reset_link_is_built_at_send_time_and_never_stored(
    client, member_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        _reset(client, member_a.email)
    assert "/accounts/reset/" in mail.outbox[0].body
    row = OutboxMessage.objects.get()
    assert "reset" not in str(row.kwargs) and member_a.email not in str(row.kwargs)
