import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.hub.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password_reaches_the_portal_home(client, member_a):
    response = client.post(
        "/accounts/login/",
        {"username": member_a.email, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == member_a
    assert b"Alpha Agency" in response.content


def test_login_is_case_insensitive_on_the_email(client, member_a):
    response = client.post(
        "/accounts/login/", {"username": member_a.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302


def test_wrong_password_keeps_the_email_and_says_why(client, member_a):
    response = client.post(
        "/accounts/login/", {"username": member_a.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert b"do not match an account" in response.content
    assert member_a.email.encode() in response.content


def test_anonymous_people_are_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_logout_is_a_post_and_ends_the_session(client_as, member_a):
    browser = client_as(member_a)
    assert browser.get("/").status_code == 200
    browser.post("/accounts/logout/")
    assert browser.get("/").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password_reset/", {"email": member_a.email})
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line
    )
    # the link is built from HUB_BASE_URL, never from the request's Host header
    assert link.startswith(settings.HUB_BASE_URL.rstrip("/") + "/accounts/reset/")
    path = link[len(settings.HUB_BASE_URL.rstrip("/")) :]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "a-new-Secret-77", "new_password2": "a-new-Secret-77"},
    )
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.check_password("a-new-Secret-77")


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(
        "/accounts/password_reset/", {"email": "nobody@nowhere.example"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 0


def test_navigation_depends_on_role(client_as, member_a, manager):
    member_page = client_as(member_a).get("/").content.decode()
    manager_page = client_as(manager).get("/").content.decode()
    assert f'href="{reverse("hub:network_list")}"' not in member_page
    assert f'href="{reverse("hub:network_list")}"' in manager_page
    assert reverse("admin:index") in manager_page
    assert reverse("admin:index") not in member_page


def test_network_pages_hide_other_networks_with_404(
    client_as, member_a, network_a, network_b
):
    browser = client_as(member_a)
    assert browser.get(network_a.get_absolute_url()).status_code == 200
    response = browser.get(network_b.get_absolute_url())
    assert response.status_code == 404
    assert b"find that page" in response.content
    assert browser.get(reverse("hub:network_list")).status_code == 404


def test_staff_list_networks_with_filters(client_as, manager, network_a, network_b):
    response = client_as(manager).get(reverse("hub:network_list"), {"q": "alpha"})
    assert list(response.context["page_obj"]) == [network_a]


def test_unknown_page_is_a_friendly_404_without_traceback(client_as, member_a):
    response = client_as(member_a).get("/no/such/page/")
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True


def test_healthz_answers_503_when_the_broker_is_down(client, settings):
    from hub.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app._pool = None
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = saved
        app._pool = None
        app.amqp._producer_pool = None
    assert response.status_code == 503
    assert response.json()["broker"]["ok"] is False


def test_static_assets_are_local(client_as, member_a):
    page = client_as(member_a).get("/").content.decode()
    assert "http://" not in page.split("<body", 1)[0]
    assert "https://" not in page.split("<body", 1)[0]


def test_a_database_outage_on_a_page_is_a_friendly_503(client_as, manager, monkeypatch):
    from django.db import OperationalError

    from hub import views

    def broken(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(views, "network_list", broken)
    response = client_as(manager).get("/hub/networks/")
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content
    assert b"Traceback" not in response.content
