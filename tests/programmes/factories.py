"""Feature tests in a given state, with networks taking part."""

from datetime import timedelta

from django.utils import timezone

from programmes.models import Application, FeatureTest
from tests.faq.factories import ArticleFactory
from tests.hub.factories import StaffFactory


def feature_test(*, owner=None, status="recruiting", capacity=5, **fields):
    today = timezone.localdate()
    fields.setdefault("name", "Multi-guest rooms")
    fields.setdefault("start_date", today - timedelta(days=14))
    fields.setdefault("end_date", today + timedelta(days=28))
    if status != "recruiting":
        fields.setdefault("started_at", timezone.now() - timedelta(days=14))
    return FeatureTest.objects.create(
        owner=owner or StaffFactory(group="Agency managers"),
        status=status,
        capacity=capacity,
        **fields,
    )


def running_test(*networks, owner=None, **fields):
    """A running test in which every given network is accepted."""
    test = feature_test(owner=owner, status="running", **fields)
    for network in networks:
        Application.objects.create(
            feature_test=test, network=network, status="accepted", invited=True
        )
    return test


def documented(test, *, published=True):
    """Give the test a guide, drafted and reviewed (and published when asked)."""
    test.guide = ArticleFactory(
        kind="guide", status="published" if published else "draft"
    )
    test.guide_drafted_at = test.guide_reviewed_at = timezone.now()
    test.save()
    return test
