from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hub import permissions as access

# (url name, label, roles that see it)
NAVIGATION = [
    ("home", _("Home"), {"network", "intern", "manager", "admin"}),
    ("tickets:list", _("Tickets"), {"network", "intern", "manager", "admin"}),
    (
        "faq:index",
        _("Knowledge base"),
        {"anonymous", "network", "intern", "manager", "admin"},
    ),
    ("campaigns:list", _("Campaigns"), {"network", "manager", "admin"}),
    ("onboarding:index", _("Onboarding"), {"network", "manager", "admin"}),
    ("programmes:list", _("Feature tests"), {"network", "intern", "manager", "admin"}),
    ("marketing:event_list", _("Events"), {"network", "intern", "manager", "admin"}),
    ("marketing:content_list", _("Content"), {"network", "intern", "manager", "admin"}),
    ("marketing:asset_list", _("Brand kit"), {"network", "intern", "manager", "admin"}),
    ("insights:weekly", _("Weekly update"), {"manager", "admin"}),
    ("insights:recurring", _("Recurring questions"), {"intern", "manager", "admin"}),
    ("insights:feedback", _("Feedback board"), {"manager", "admin"}),
    ("hub:audit", _("Audit log"), {"manager", "admin"}),
    ("hub:network_list", _("Networks"), {"intern", "manager", "admin"}),
]


@cache  # the URLconf does not change while the process runs
def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None  # the capability is not installed (yet)


def _navigation(role: str, path: str) -> list[dict]:
    items = []
    for name, label, roles in NAVIGATION:
        url = _url(name) if role in roles else None
        if url is None:
            continue
        active = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return items


def portal(request) -> dict:
    user = getattr(request, "user", None)
    role = access.role_of(user)
    return {
        "site_name": settings.HUB_SITE_NAME,
        "hub_role": role,
        "is_hub_staff": role in ("intern", "manager", "admin"),
        "is_hub_manager": role in ("manager", "admin"),
        "navigation": _navigation(role, request.path),
    }
