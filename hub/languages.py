"""Which language the hub speaks to a person: the one owner of that rule (SPEC §9).

A page is in the first of:

1. the person's saved preference (``User.language``; blank means automatic);
2. the language picked with the switcher in this browser (its cookie: the only
   choice an anonymous visitor can keep);
3. the browser's ``Accept-Language``, best match first (``zh-CN`` → ``zh-hans``);
4. the person's network's default (``CreatorNetwork.default_language``; their
   first network when they belong to several; staff have none);
5. English (``LANGUAGE_CODE``).

An e-mail has no browser to ask: the recipient's preference, else the network's
default (the network the message is about, else their own), else English.

``LanguageMiddleware`` activates the page language for each request;
``email_language`` and ``recipient_language`` are what the e-mail helper
(``hub.emails``) uses. Dates and numbers follow the active language through
Django's formats (``{{ value|date }}``, ``intcomma``, ``floatformat``).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from core.cache import request_memo

COOKIE_NAME = settings.LANGUAGE_COOKIE_NAME


def supported(code: str | None) -> str | None:
    """``code`` as one of ``LANGUAGES`` (``id-ID`` → ``id``), or None."""
    if not code or code == "*":
        return None
    try:
        return translation.get_supported_language_variant(code.lower())
    except LookupError:
        return None


def accept_language(header: str) -> str | None:
    """The best language of an ``Accept-Language`` header that the hub speaks."""
    for code, _quality in parse_accept_lang_header(header or ""):
        language = supported(code)
        if language:
            return language
    return None


def _person(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def network_default(user) -> str | None:
    """The default language of the person's first network; None for staff and
    people in no network. The sign-in backend loads it with the person
    (``hub.backends``); otherwise one query, kept for the request."""
    if not _person(user) or user.is_staff:
        return None
    if hasattr(user, "network_language"):
        return supported(user.network_language)
    return supported(
        request_memo(
            "network_language",
            user,
            lambda: (
                user.memberships.order_by("created_at", "pk")
                .values_list("network__default_language", flat=True)
                .first()
            ),
        )
    )


def language_for_request(request) -> str:
    """The language of this request's page (the order in the module docstring)."""
    user = getattr(request, "user", None)
    if _person(user):
        language = supported(user.language)
        if language:
            return language
    language = supported(request.COOKIES.get(COOKIE_NAME)) or accept_language(
        request.headers.get("Accept-Language", "")
    )
    if language:
        return language
    return network_default(user) or settings.LANGUAGE_CODE


def email_language(user, network=None) -> str:
    """The language of an e-mail to ``user``, about ``network`` when given."""
    if user is not None:
        language = supported(getattr(user, "language", ""))
        if language:
            return language
    if network is not None:
        language = supported(network.default_language)
        if language:
            return language
    return network_default(user) or settings.LANGUAGE_CODE


@contextmanager
def recipient_language(user, network=None):
    """Render what is inside in ``user``'s e-mail language (``translation.override``)."""
    with translation.override(email_language(user, network)):
        yield translation.get_language()


def language_choices(*, automatic: bool) -> list[tuple[str, str]]:
    """The switcher's choices, each language named in its own language; with
    ``automatic`` the first is "Automatic" (a saved preference cleared)."""
    from django.utils.translation import gettext

    choices = list(settings.LANGUAGES)
    if automatic:
        choices.insert(0, ("", gettext("Automatic (browser and network)")))
    return choices


def language_preference_set(*, user, language: str) -> str:
    """Save ``user``'s own preference ("" for automatic); returns what was saved."""
    language = (supported(language) or "") if language else ""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return language


def network_default_language_set(*, actor, network, language: str):
    """A manager sets a network's default language (recorded in the audit log)."""
    from audit.services import audit_record
    from core.exceptions import ApplicationError, PermissionDeniedError
    from hub.permissions import can_manage_network

    if not can_manage_network(actor, network):
        raise PermissionDeniedError(
            translation.gettext("Only agency managers may do this.")
        )
    code = supported(language)
    if code != language:  # unknown, or not spelt as in LANGUAGES
        raise ApplicationError(translation.gettext("Choose a language the hub speaks."))
    old = network.default_language
    if old != code:
        network.default_language = code
        network.save(update_fields=["default_language"])
        audit_record(
            actor=actor,
            action="network.default_language",
            obj=network,
            changes={"default_language": [old, code]},
        )
    return network


class LanguageMiddleware:
    """Activate each request's language (after authentication: it reads the
    person). Replaces Django's LocaleMiddleware, which knows no preferences or
    network defaults; responses vary on the headers that choose the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response
