"""The language switcher (every page's footer) and the account's language page.

Both post here. A signed-in person's choice is saved as their own preference
(``hub.languages.language_preference_set``, only ever on ``request.user``); every
visitor also gets the choice in a cookie, the only place an anonymous one keeps it.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.exceptions import ApplicationError
from hub.auth_views import _safe_next
from hub.decorators import manager_required
from hub.forms import LanguageForm, NetworkLanguageForm
from hub.languages import (
    COOKIE_NAME,
    language_preference_set,
    network_default_language_set,
)
from hub.selectors import network_list


@never_cache
@require_http_methods(["GET", "POST"])
def language_view(request):
    signed_in = request.user.is_authenticated
    current = request.user.language if signed_in else ""
    if request.method == "GET":
        form = LanguageForm(automatic=signed_in, initial={"language": current})
        return render(request, "hub/language.html", {"form": form})
    form = LanguageForm(request.POST, automatic=signed_in)
    if not form.is_valid():
        return render(request, "hub/language.html", {"form": form}, status=400)
    language = form.cleaned_data["language"]
    if signed_in:
        language = language_preference_set(user=request.user, language=language)
    response = redirect(_safe_next(request, default=request.path))
    if language:
        response.set_cookie(
            COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response


@manager_required
@require_POST
def network_language_view(request, slug: str):
    """A network's default language, from its page (managers)."""
    network = get_object_or_404(network_list(user=request.user), slug=slug)
    form = NetworkLanguageForm(request.POST)
    if form.is_valid():
        try:
            network_default_language_set(
                actor=request.user,
                network=network,
                language=form.cleaned_data["default_language"],
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Default language saved."))
    else:
        messages.error(request, _("Choose a language the hub speaks."))
    return redirect(network.get_absolute_url())
