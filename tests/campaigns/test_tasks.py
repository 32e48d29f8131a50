from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import MetricUpload
from campaigns.tasks import metric_uploads_purge_task

pytestmark = pytest.mark.django_db


def test_unconfirmed_uploads_older_than_a_day_are_purged(campaign, manager):
    old = MetricUpload.objects.create(campaign=campaign, uploaded_by=manager)
    fresh = MetricUpload.objects.create(campaign=campaign, uploaded_by=manager)
    applied = MetricUpload.objects.create(
        campaign=campaign, uploaded_by=manager, status="applied"
    )
    two_days_ago = timezone.now() - timedelta(days=2)
    MetricUpload.objects.filter(pk__in=[old.pk, applied.pk]).update(
        created_at=two_days_ago
    )

    assert metric_uploads_purge_task.delay().get() == 1

    assert set(MetricUpload.objects.values_list("pk", flat=True)) == {
        fresh.pk,
        applied.pk,
    }


def test_the_purge_is_in_the_beat_schedule():
    from hub.schedule import SCHEDULE

    tasks = {entry["task"] for entry in SCHEDULE.values()}
    assert "campaigns.tasks.metric_uploads_purge_task" in tasks
