"""Every write of the marketing app: events (``events.py``), content engagement
(``content.py``) and the brand kit (``brand.py``)."""

from marketing.services.brand import (  # noqa: F401
    BRAND_KINDS,
    BRAND_MAX_BYTES,
    brand_asset_create,
    brand_version_add,
    brand_version_downloaded,
    brand_version_retire,
    check_brand_file,
)
from marketing.services.content import (  # noqa: F401
    content_figures_diff,
    content_figures_upsert,
    content_item_create,
    content_items_upsert,
    content_metrics_load,
    content_upload_apply,
    content_upload_preview,
    content_upload_stage,
)
from marketing.services.events import (  # noqa: F401
    REMINDERS,
    attendance_mark,
    event_cancel,
    event_create,
    event_key,
    event_publish,
    event_register,
    event_reminders_send,
    event_update,
    registration_cancel,
    registration_rate,
)
