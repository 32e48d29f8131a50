"""The fixed vocabulary of campaign figures (pure: no database access).

Every figure is one value per campaign, network, day and metric. ``aggregate`` says
how daily values roll up over a period or across networks:

- ``sum``: add them (hours, diamonds, gifts, followers, videos);
- ``max``: the highest day counts (peak viewers, participating creators: the same
  creators stream on many days, so adding days would count them again);
- ``avg``: the mean of the daily values (engagement rate, a percentage).

Days are calendar dates as reported by the network (no time zone conversion).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    unit: str
    aggregate: str  # "sum", "max" or "avg"
    maximum: Decimal | None = None


METRICS: dict[str, Metric] = {
    m.code: m
    for m in [
        Metric("live_hours", _("Live hours"), _("hours"), "sum"),
        Metric("diamonds", _("Diamonds"), _("diamonds"), "sum"),
        Metric("gifts", _("Gifts"), _("gifts"), "sum"),
        Metric(
            "participating_creators",
            _("Participating creators"),
            _("creators"),
            "max",
        ),
        Metric("new_followers", _("New followers"), _("followers"), "sum"),
        Metric("peak_viewers", _("Peak viewers"), _("viewers"), "max"),
        Metric("videos_posted", _("Videos posted"), _("videos"), "sum"),
        Metric(
            "engagement_rate",
            _("Engagement rate"),
            "%",
            "avg",
            maximum=Decimal("100"),
        ),
    ]
}

METRIC_CHOICES = [(m.code, m.label) for m in METRICS.values()]


def combine(code: str, values: list[Decimal]) -> Decimal:
    """Roll daily values of one metric up by its aggregate (``0`` when empty)."""
    if not values:
        return Decimal("0")
    how = METRICS[code].aggregate
    if how == "max":
        return max(values)
    if how == "avg":
        return (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.01"))
    return sum(values, Decimal("0"))
