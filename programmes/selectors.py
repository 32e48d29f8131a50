"""Reads of the programmes app, with the caller's permissions applied.

Staff see every feature test. A network member sees the tests one of their networks
applied to or was invited to, and the recruiting tests their networks are eligible
for; of check-ins, only their own networks'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg, Count, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.charts import line_chart
from core.periods import Week
from hub import permissions as access
from hub.models import CreatorNetwork
from programmes.models import Application, CheckIn, FeatureTest


def is_eligible(*, feature_test: FeatureTest, network: CreatorNetwork) -> bool:
    """Region and tier rules of the test (none set: everyone)."""
    regions = {r.pk for r in feature_test.regions.all()}
    if regions and network.region_id not in regions:
        return False
    return not feature_test.tiers or network.tier in feature_test.tiers


def _eligible_recruiting_ids(networks: list[CreatorNetwork]) -> list[int]:
    """Recruiting tests are few: their rules are read once and checked here."""
    tests = FeatureTest.objects.filter(
        status=FeatureTest.Status.RECRUITING
    ).prefetch_related("regions")
    return [
        test.pk
        for test in tests
        if any(is_eligible(feature_test=test, network=n) for n in networks)
    ]


def feature_test_list(*, user, filters=None) -> QuerySet[FeatureTest]:
    from programmes.filters import FeatureTestFilter

    qs = FeatureTest.objects.select_related("owner", "guide").annotate(
        accepted_count=Count(
            "applications",
            filter=Q(applications__status=Application.Status.ACCEPTED),
            distinct=True,
        )
    )
    if not access.is_staff_member(user):
        ids = access.network_ids(user)
        networks = list(CreatorNetwork.objects.filter(pk__in=ids))
        qs = qs.filter(
            Q(
                pk__in=Application.objects.filter(network_id__in=ids).values(
                    "feature_test_id"
                )
            )
            | Q(pk__in=_eligible_recruiting_ids(networks))
        )
    qs = qs.order_by("-start_date", "name")
    if filters is not None:
        qs = FeatureTestFilter(filters, queryset=qs).qs
    return qs


def feature_test_get(*, user, pk: int) -> FeatureTest:
    """The test if this person may see it; 404 otherwise."""
    return get_object_or_404(feature_test_list(user=user), pk=pk)


def own_network_ids(*, user) -> frozenset[int] | None:
    """Whose rows this person may see: ``None`` for every network (staff)."""
    return None if access.is_staff_member(user) else access.network_ids(user)


def own_network_get(*, user, slug: str | None) -> CreatorNetwork | None:
    """The network ``slug`` of this person's own networks (no slug: none, the
    service picks their one network); 404 for anyone else's."""
    if not slug:
        return None
    return get_object_or_404(
        CreatorNetwork.objects.filter(pk__in=access.network_ids(user)), slug=slug
    )


def application_list(*, user, feature_test: FeatureTest) -> QuerySet[Application]:
    qs = feature_test.applications.select_related("network", "decided_by")
    allowed = own_network_ids(user=user)
    if allowed is not None:
        qs = qs.filter(network_id__in=allowed)
    return qs.order_by("created_at", "id")


def checkin_list(*, user, feature_test: FeatureTest) -> QuerySet[CheckIn]:
    qs = feature_test.checkins.select_related("network", "submitted_by", "ticket")
    allowed = own_network_ids(user=user)
    if allowed is not None:
        qs = qs.filter(network_id__in=allowed)
    return qs.order_by("week", "network__name", "id")


@dataclass(frozen=True)
class DocStep:
    code: str
    label: str
    done: bool
    at: datetime | None = None


def documentation_checklist(feature_test: FeatureTest) -> list[DocStep]:
    """Guide drafted → reviewed → published; "published" is the guide's own
    status in the knowledge base."""
    guide = feature_test.guide
    published = guide is not None and guide.status == guide.Status.PUBLISHED
    return [
        DocStep(
            "drafted",
            _("Guide drafted"),
            guide is not None and feature_test.guide_drafted_at is not None,
            feature_test.guide_drafted_at,
        ),
        DocStep(
            "reviewed",
            _("Guide reviewed"),
            guide is not None and feature_test.guide_reviewed_at is not None,
            feature_test.guide_reviewed_at,
        ),
        DocStep("published", _("Guide published"), published),
    ]


def test_weeks(feature_test: FeatureTest, *, today: date | None = None) -> list[Week]:
    """The ISO weeks the test has been running so far (start to today, end or
    closing, whichever comes first); none before it runs."""
    if feature_test.started_at is None:
        return []
    today = today or timezone.localdate()
    first = max(feature_test.start_date, timezone.localdate(feature_test.started_at))
    last = min(today, feature_test.end_date)
    if feature_test.closed_at is not None:
        last = min(last, timezone.localdate(feature_test.closed_at))
    if last < first:
        return []
    weeks, week = [], Week.of(first)
    while week <= Week.of(last):
        weeks.append(week)
        week = week.shift(1)
    return weeks


TOP_ISSUES = 10
QUOTES = 6


def feature_test_report(
    *, feature_test: FeatureTest, today: date | None = None
) -> dict:
    """Participation, check-in rate, ratings by week, top issues and quotes
    (five queries whatever the number of check-ins)."""
    counts = {
        row["status"]: row["n"]
        for row in feature_test.applications.values("status").annotate(n=Count("id"))
    }
    participants = counts.get(Application.Status.ACCEPTED, 0)
    weeks = test_weeks(feature_test, today=today)
    by_week = {
        row["week"]: row
        for row in feature_test.checkins.values("week").annotate(
            n=Count("id"),
            avg=Avg("rating"),
            working=Count("id", filter=Q(works=True)),
        )
    }
    received = sum(row["n"] for row in by_week.values())
    expected = participants * len(weeks)
    checkins = feature_test.checkins.select_related("network")
    issues = list(
        checkins.exclude(issues="").order_by("-week", "-created_at")[:TOP_ISSUES]
    )
    reporting = (
        feature_test.checkins.exclude(issues="").values("network_id").distinct().count()
    )
    quotes = list(
        checkins.exclude(comment="").order_by("-rating", "-week", "-created_at")[
            :QUOTES
        ]
    )
    week_rows = [
        {
            "week": str(week),
            "checkins": by_week.get(str(week), {}).get("n", 0),
            "average": _round(by_week.get(str(week), {}).get("avg")),
            "works_pct": _pct(
                by_week.get(str(week), {}).get("working", 0),
                by_week.get(str(week), {}).get("n", 0),
            ),
        }
        for week in weeks
    ]
    return {
        "applied": counts.get(Application.Status.APPLIED, 0),
        "accepted": participants,
        "declined": counts.get(Application.Status.DECLINED, 0),
        "capacity": feature_test.capacity,
        "weeks": week_rows,
        "expected": expected,
        "received": received,
        "checkin_rate": _pct(min(received, expected), expected),
        "issues": issues,
        "networks_reporting": reporting,
        "quotes": quotes,
    }


def _ratings_chart(report: dict):
    weeks = report["weeks"]
    return line_chart(
        _("Average rating by week"),
        [w["week"] for w in weeks],
        {_("Average rating (1–5)"): [w["average"] for w in weeks]},
    )


def programme_page(*, user, programme: FeatureTest) -> dict:
    """One feature test's page as one read, for a person who may see it: its
    applications (their own networks' for a network member), documentation
    checklist, allowed transitions and regions; for staff the report and its
    chart; for a network member whether one of their networks may still apply
    and is eligible, their participation and check-ins. The view adds the
    check-in form (``participating`` while it runs)."""
    from programmes.services.checkins import current_week

    # read once: the page lists them and the eligibility of each network checks them
    prefetch_related_objects([programme], "regions")
    is_staff = access.is_staff_member(user)
    applications = list(application_list(user=user, feature_test=programme))
    page = {
        "test": programme,
        "can_manage": access.is_manager(user),
        "is_staff": is_staff,
        "applications": applications,
        "checklist": documentation_checklist(programme),
        "transitions": [
            (code, FeatureTest.Status(code).label)
            for code in programme.allowed_transitions()
        ],
        "regions": list(programme.regions.all()),
        "week": current_week(),
    }
    if is_staff:
        report = feature_test_report(feature_test=programme)
        page.update(report=report, ratings_chart=_ratings_chart(report))
        return page
    mine = {a.network_id for a in applications}
    networks = CreatorNetwork.objects.filter(pk__in=access.network_ids(user)).exclude(
        pk__in=mine
    )
    page["can_apply"] = programme.status == FeatureTest.Status.RECRUITING and [
        n for n in networks if is_eligible(feature_test=programme, network=n)
    ]
    page["participating"] = [
        a for a in applications if a.status == Application.Status.ACCEPTED
    ]
    page["checkins"] = list(checkin_list(user=user, feature_test=programme))
    return page


def _round(value) -> float | None:
    return None if value is None else round(float(value), 2)


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


EXPORT_HEADER = [
    "feature_test",
    "week",
    "network",
    "rating",
    "works_as_expected",
    "issues",
    "comment",
    "submitted_by",
    "submitted_at",
    "feedback_ticket",
]


def checkin_export_rows(*, feature_test: FeatureTest):
    """Every check-in of the test, for the product team's CSV (streamed)."""
    qs = (
        feature_test.checkins.select_related("network", "submitted_by", "ticket")
        .order_by("week", "network__name", "id")
        .iterator(chunk_size=2000)
    )
    for c in qs:
        yield [
            feature_test.name,
            c.week,
            c.network.name,
            c.rating,
            "yes" if c.works else "no",
            c.issues,
            c.comment,
            c.submitted_by.email if c.submitted_by else "",
            timezone.localtime(c.created_at).isoformat(timespec="minutes"),
            c.ticket.reference if c.ticket else "",
        ]
