"""Background work of the campaigns app."""

from celery import shared_task


@shared_task
def metric_uploads_purge_task() -> int:
    """Drop CSV uploads nobody confirmed within a day (beat, nightly)."""
    from campaigns.services import metric_upload_purge

    return metric_upload_purge()
