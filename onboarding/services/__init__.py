"""Every write of the onboarding app (see the modules for each area)."""

from onboarding.services.announcements import (
    announcement_acknowledge,
    announcement_audience_decide,
    announcement_fan_out,
    announcement_publish,
    announcements_publish_due,
)
from onboarding.services.checklists import (
    onboarding_remind_stalled,
    onboarding_start,
    onboarding_step_set_done,
)
from onboarding.services.invitations import (
    InvitationError,
    invitation_accept,
    invitation_create,
    invitation_from_token,
    invitation_resend,
    invitation_revoke,
    invitation_token,
    membership_remove,
)
from onboarding.services.lifecycle import (
    digest_schedule,
    preferences_update,
    tips_schedule,
    unsubscribe,
)
from onboarding.services.networks import network_create

__all__ = [
    "InvitationError",
    "announcement_acknowledge",
    "announcement_audience_decide",
    "announcement_fan_out",
    "announcement_publish",
    "announcements_publish_due",
    "digest_schedule",
    "invitation_accept",
    "invitation_create",
    "invitation_from_token",
    "invitation_resend",
    "invitation_revoke",
    "invitation_token",
    "membership_remove",
    "network_create",
    "onboarding_remind_stalled",
    "onboarding_start",
    "onboarding_step_set_done",
    "preferences_update",
    "tips_schedule",
    "unsubscribe",
]
