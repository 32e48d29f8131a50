"""Content figures and the engagement rate, defined once (pure: no database).

Figures are per calendar day (``YYYY-MM-DD``, no time zone): the day the network's
own analytics report them for.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

METRICS: dict[str, str] = {
    "views": _("Views"),
    "likes": _("Likes"),
    "comments": _("Comments"),
    "shares": _("Shares"),
    "watch_time_minutes": _("Watch time (minutes)"),
    "followers_gained": _("Followers gained"),
}
METRIC_CHOICES = list(METRICS.items())
INTERACTIONS = ("likes", "comments", "shares")


def engagement_rate(totals: dict[str, Decimal | int | None]) -> Decimal | None:
    """(likes + comments + shares) / views, as a percentage with two decimals;
    None when there are no views (a rate of nothing is not 0 %)."""
    views = Decimal(totals.get("views") or 0)
    if views <= 0:
        return None
    interactions = sum(Decimal(totals.get(code) or 0) for code in INTERACTIONS)
    return (interactions * 100 / views).quantize(Decimal("0.01"))


def empty_totals() -> dict[str, Decimal]:
    return dict.fromkeys(METRICS, Decimal(0))
