"""Every write of the programmes app (see each module)."""

from programmes.services.checkins import (
    checkin_key,
    checkin_requests_schedule,
    checkin_submit,
    current_week,
)
from programmes.services.feature_tests import (
    DOC_STEPS,
    documentation_mark,
    feature_test_create,
    feature_test_transition,
    feature_test_update,
    require_manager,
)
from programmes.services.participation import (
    application_apply,
    application_decide,
    application_invite,
)

__all__ = [
    "DOC_STEPS",
    "application_apply",
    "application_decide",
    "application_invite",
    "checkin_key",
    "checkin_requests_schedule",
    "checkin_submit",
    "current_week",
    "documentation_mark",
    "feature_test_create",
    "feature_test_transition",
    "feature_test_update",
    "require_manager",
]
