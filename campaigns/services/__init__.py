"""Every write of the campaigns app (``<entity>_<verb>``), re-exported here."""

from campaigns.services.campaigns import (
    campaign_create,
    campaign_review_update,
    campaign_transition,
    campaign_update,
    enrolment_invite,
    enrolment_respond,
    goal_delete,
    goal_set,
    material_create,
    material_delete,
    task_create,
    task_set_done,
)
from campaigns.services.metrics import (
    MetricBatchError,
    metric_upload_confirm,
    metric_upload_purge,
    metric_upload_stage,
    metrics_load,
)

__all__ = [
    "MetricBatchError",
    "campaign_create",
    "campaign_review_update",
    "campaign_transition",
    "campaign_update",
    "enrolment_invite",
    "enrolment_respond",
    "goal_delete",
    "goal_set",
    "material_create",
    "material_delete",
    "metric_upload_confirm",
    "metric_upload_purge",
    "metric_upload_stage",
    "metrics_load",
    "task_create",
    "task_set_done",
]
