"""The hub's language (SPEC §9): which one a page and an e-mail are in, the switcher,
and who may change a preference (``hub/languages.py``)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from hub.languages import accept_language, email_language
from hub.models import User
from tests.hub.factories import MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def html_tag(response) -> str:
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("zh-CN,zh;q=0.9", "zh-hans"),
        ("fr-FR,ar;q=0.5", "ar"),  # the best one the hub speaks
        ("fr-FR,de;q=0.5", None),
        ("", None),
        ("*", None),
    ],
)
def test_accept_language_finds_the_best_language_the_hub_speaks(header, expected):
    assert accept_language(header) == expected


def test_preference_wins_over_accept_language_and_network_default(
    client_as, member_a, network_a
):
    network_a.default_language = "ar"
    network_a.save()
    member_a.language = "zh-hans"
    member_a.save()
    page = client_as(member_a).get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert lang_of(page) == "zh-hans"
    assert page["Content-Language"] == "zh-hans"


def test_accept_language_wins_over_the_network_default(client_as, member_a, network_a):
    network_a.default_language = "ar"
    network_a.save()
    page = client_as(member_a).get("/", HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    assert lang_of(page) == "id"
    assert "Accept-Language" in page["Vary"]


def test_the_network_default_when_the_browser_asks_for_nothing_the_hub_speaks(
    client_as, member_a, network_a
):
    network_a.default_language = "ar"
    network_a.save()
    page = client_as(member_a).get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")
    assert html_tag(page) == '<html lang="ar" dir="rtl">'


def test_the_first_network_decides_for_a_person_in_several(member_a, network_a):
    network_a.default_language = "id"
    network_a.save()
    MembershipFactory(
        user=member_a, network=NetworkFactory(default_language="ar")
    )  # joined later
    page = Client()
    page.force_login(member_a)
    assert lang_of(page.get("/")) == "id"


def test_english_when_nothing_else_decides(client_as, member_a, intern):
    assert html_tag(client_as(member_a).get("/")) == '<html lang="en" dir="ltr">'
    assert lang_of(client_as(intern).get("/")) == "en"  # staff have no network


def test_anonymous_visitors_get_accept_language_then_english(client):
    assert lang_of(client.get("/faq/", HTTP_ACCEPT_LANGUAGE="zh-TW")) == "zh-hans"
    assert lang_of(client.get("/faq/")) == "en"


def test_arabic_pages_are_right_to_left_and_the_admin_too(client_as, administrator):
    administrator.language = "ar"
    administrator.save()
    browser = client_as(administrator)
    assert html_tag(browser.get("/faq/")) == '<html lang="ar" dir="rtl">'
    assert 'dir="rtl"' in html_tag(browser.get("/admin/"))


def test_choosing_the_network_default_costs_no_query_of_its_own(
    client_as, member_a, network_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    network_a.default_language = "id"
    network_a.save()
    chooser = MembershipFactory(network=network_a, user__language="ar").user

    def queries(person) -> tuple[int, str]:
        browser = client_as(person)
        with CaptureQueriesContext(connection) as queries:
            page = browser.get("/accounts/language/")
        return len(queries), lang_of(page)

    # the network default comes with the person's own row (hub/backends.py)
    assert queries(member_a) == (queries(chooser)[0], "id")
    assert queries(chooser)[1] == "ar"


# --- the switcher -----------------------------------------------------------------


def test_the_switcher_saves_a_signed_in_persons_preference(client_as, member_a):
    browser = client_as(member_a)
    answer = browser.post(
        "/accounts/language/", {"language": "id", "next": "/tickets/"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/tickets/"
    member_a.refresh_from_db()
    assert member_a.language == "id"
    assert lang_of(browser.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "id"


def test_automatic_clears_the_preference_and_the_cookie(client_as, member_a):
    member_a.language = "ar"
    member_a.save()
    browser = client_as(member_a)
    answer = browser.post("/accounts/language/", {"language": ""})
    assert answer.status_code == 302
    member_a.refresh_from_db()
    assert member_a.language == ""
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""
    assert lang_of(browser.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")) == "zh-hans"


def test_the_account_page_shows_the_preference_with_automatic(client_as, member_a):
    member_a.language = "id"
    member_a.save()
    page = client_as(member_a).get("/accounts/language/").content.decode()
    assert '<option value="" ' in page or '<option value="">' in page
    assert re.search(r'<option value="id"[^>]*selected', page)


def test_an_anonymous_visitor_keeps_the_choice_in_a_cookie_only(client):
    answer = client.post("/accounts/language/", {"language": "ar", "next": "/faq/"})
    assert answer.status_code == 302
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert answer.cookies[settings.LANGUAGE_COOKIE_NAME]["httponly"]
    assert lang_of(client.get("/faq/", HTTP_ACCEPT_LANGUAGE="id")) == "ar"
    assert not User.objects.exclude(language="").exists()


def test_an_anonymous_visitor_cannot_choose_automatic_or_an_unknown_language(client):
    assert client.post("/accounts/language/", {"language": ""}).status_code == 400
    assert client.post("/accounts/language/", {"language": "fr"}).status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_a_person_changes_only_their_own_preference(client_as, member_a, member_b):
    browser = client_as(member_a)
    browser.post(
        "/accounts/language/",
        {"language": "ar", "user": member_b.pk, "user_id": member_b.pk},
    )
    member_a.refresh_from_db()
    member_b.refresh_from_db()
    assert (member_a.language, member_b.language) == ("ar", "")


def test_the_switcher_never_redirects_off_site(client_as, member_a):
    answer = client_as(member_a).post(
        "/accounts/language/", {"language": "id", "next": "https://evil.example/"}
    )
    assert answer["Location"] == "/accounts/language/"


def test_every_page_has_the_switcher_naming_each_language_in_itself(client):
    page = client.get("/faq/").content.decode()
    assert 'action="/accounts/language/"' in page
    for name in ("English", "简体中文", "Bahasa Indonesia", "العربية"):
        assert name in page


# --- e-mails ----------------------------------------------------------------------


def test_the_email_language_is_preference_then_network_default_then_english(
    member_a, network_a, network_b
):
    assert email_language(member_a) == "en"
    network_b.default_language = "ar"
    assert email_language(member_a, network_b) == "ar"  # the network it is about
    network_a.default_language = "zh-hans"
    network_a.save()
    assert email_language(User.objects.get(pk=member_a.pk)) == "zh-hans"
    member_a.language = "id"
    assert email_language(member_a, network_b) == "id"
    assert email_language(None) == "en"


def test_a_ledger_email_reaches_an_indonesian_reader_in_indonesian(
    member_a, django_capture_on_commit_callbacks
):
    from marketing import services
    from tests.marketing.factories import EventFactory

    # given a member who prefers Indonesian and an event on 4 August
    member_a.language = "id"
    member_a.time_zone = "UTC"
    member_a.save()
    start = dt.datetime(2030, 8, 4, 9, 30, tzinfo=dt.UTC)
    event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    # when they register and the confirmation goes out through the ledger
    with django_capture_on_commit_callbacks(execute=True):
        services.event_register(event=event, user=member_a)
    # then subject, text and HTML are rendered in Indonesian
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "id"
    assert "Agu 2030" in message.body  # Django's Indonesian month name
    html = message.alternatives[0][0]
    assert '<html lang="id" dir="ltr">' in html
    assert "Agu 2030" in html


def test_a_ticket_email_follows_the_network_default_and_is_right_to_left(
    member_a, network_a, django_capture_on_commit_callbacks
):
    from tickets import services

    network_a.default_language = "ar"
    network_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_create(requester=member_a, subject="Payout", description="?")
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in message.alternatives[0][0]


def test_each_person_gets_the_reply_in_their_own_language(
    member_a, owner_a, intern, django_capture_on_commit_callbacks
):
    from tickets import services

    owner_a.language = "id"
    owner_a.save()
    ticket = services.ticket_create(requester=member_a, subject="s", description="d")
    services.ticket_reply(ticket=ticket, author=owner_a, body="me too")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_reply(ticket=ticket, author=intern, body="Fixed")
    got = {
        tuple(message.to): message.extra_headers["Content-Language"]
        for message in mail.outbox
    }
    assert got == {(member_a.email,): "en", (owner_a.email,): "id"}


# --- the network's default language -------------------------------------------------


def test_a_manager_sets_a_networks_default_language_from_its_page(
    client_as, manager, network_a
):
    from audit.models import AuditEntry

    browser = client_as(manager)
    assert (
        'name="default_language"'
        in browser.get(network_a.get_absolute_url()).content.decode()
    )
    answer = browser.post(
        f"/hub/networks/{network_a.slug}/language/", {"default_language": "ar"}
    )
    assert answer.status_code == 302
    network_a.refresh_from_db()
    assert network_a.default_language == "ar"
    assert AuditEntry.objects.filter(action="network.default_language").exists()


def test_an_intern_neither_sees_nor_changes_the_default_language(
    client_as, intern, network_a
):
    browser = client_as(intern)
    page = browser.get(network_a.get_absolute_url()).content.decode()
    assert 'name="default_language"' not in page
    answer = browser.post(
        f"/hub/networks/{network_a.slug}/language/", {"default_language": "ar"}
    )
    assert answer.status_code == 404
    network_a.refresh_from_db()
    assert network_a.default_language == "en"


def test_an_unknown_default_language_changes_nothing(client_as, manager, network_a):
    client_as(manager).post(
        f"/hub/networks/{network_a.slug}/language/", {"default_language": "fr"}
    )
    network_a.refresh_from_db()
    assert network_a.default_language == "en"


def test_cached_figures_are_kept_once_per_language(settings):
    from django.utils import translation

    from core import cache

    settings.HUB_CACHE_HOME_SECONDS = 30
    cache.HOME.invalidate()
    computed = []

    def compute():
        computed.append(translation.get_language())
        return translation.gettext("Open")

    for language in ("en", "ar", "en", "ar"):
        with translation.override(language):
            cache.HOME.get_or_compute("labels", compute)
    assert computed == ["en", "ar"]


def test_numbers_follow_the_language(settings):
    from decimal import Decimal

    from django.utils import translation

    from campaigns.review import number

    with translation.override("id"):
        assert number(Decimal("1234.50")) == "1.234,5"
    assert number(Decimal("1234.50")) == "1,234.5"


# --- the API: token requests speak the person's language --------------------------


def _token_client(user):
    from rest_framework.test import APIClient

    from hub.tokens import api_token_create

    _token, secret = api_token_create(user=user, name="lang")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def _required(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return translation.gettext("This field is required.")


def test_a_token_request_speaks_the_persons_saved_language(member_a):
    assert _required("id") != _required("en")  # the message is translated at all
    member_a.language = "id"
    member_a.save()
    response = _token_client(member_a).post("/api/v1/tickets/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["subject"] == [_required("id")]
    assert response["Content-Language"] == "id"


def test_a_token_request_without_a_preference_follows_the_browser_then_the_network(
    member_a, network_a
):
    network_a.default_language = "ar"
    network_a.save()
    client = _token_client(member_a)
    asked = client.post(
        "/api/v1/tickets/", {}, format="json", HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert asked.json()["errors"]["subject"] == [_required("zh-hans")]
    unasked = client.post("/api/v1/tickets/", {}, format="json")
    assert unasked.json()["errors"]["subject"] == [_required("ar")]
    assert unasked["Content-Language"] == "ar"


def test_a_token_costs_one_query_with_its_persons_network_language(
    member_a, network_a, django_assert_num_queries
):
    from hub.tokens import api_token_authenticate, api_token_create

    network_a.default_language = "id"
    network_a.save()
    _token, secret = api_token_create(user=member_a, name="lang")
    with django_assert_num_queries(1):
        token = api_token_authenticate(secret)
        assert token.user.network_language == "id"


def test_an_anonymous_api_request_follows_accept_language(api_client):
    response = api_client.post(
        "/api/v1/auth/token/", {}, format="json", HTTP_ACCEPT_LANGUAGE="id-ID"
    )
    assert response.json()["errors"]["username"] == [_required("id")]
    english = api_client.post("/api/v1/auth/token/", {}, format="json")
    assert english.json()["errors"]["username"] == [_required("en")]


# --- the role badge -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans", "id", "ar"])
def test_the_role_badge_names_the_role_in_the_readers_language(
    client_as, manager, language
):
    from django.utils import translation

    manager.language = language
    manager.save()
    page = client_as(manager).get("/").content.decode()
    badge = re.search(r'<span class="badge badge-role">([^<]*)</span>', page).group(1)
    with translation.override(language):
        assert badge == translation.gettext("Agency manager")
    assert badge != "manager"
    if language != "en":
        assert badge != "Agency manager"  # translated, not the English label
