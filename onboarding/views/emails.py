from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from onboarding.forms import PreferencesForm
from onboarding.messages import read_unsubscribe_token
from onboarding.selectors import email_preference
from onboarding.services import preferences_update, unsubscribe

TOPIC_LABELS = {"tips": _("weekly tips"), "digest": _("the monthly digest")}


@login_required
def preferences(request):
    pref = email_preference(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            preferences_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your e-mail preferences were saved."))
            return redirect("onboarding:preferences")
    else:
        form = PreferencesForm(initial={"tips": pref.tips, "digest": pref.digest})
    return render(request, "onboarding/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058 one-click: mail providers POST without a session or token
def unsubscribe_view(request, token: str):
    """GET shows a confirm button; POST unsubscribes (no login needed)."""
    try:
        user_id, topic = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(
            request, "onboarding/unsubscribe.html", {"invalid": True}, status=404
        )
    context = {"topic": TOPIC_LABELS[topic], "token": token}
    if request.method == "POST":
        unsubscribe(user_id=user_id, topic=topic)
        context["done"] = True
    return render(request, "onboarding/unsubscribe.html", context)
