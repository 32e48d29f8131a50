"""Models of the onboarding app: plans and checklists, invitations, tips,
announcements, e-mail preferences and the delivery ledger."""

from onboarding.models.announcements import Announcement, AnnouncementAcknowledgement
from onboarding.models.deliveries import Delivery, EmailPreference
from onboarding.models.invitations import Invitation
from onboarding.models.plans import (
    Onboarding,
    OnboardingPlan,
    OnboardingStep,
    OwnerSide,
    PlanStep,
)
from onboarding.models.tips import Tip

__all__ = [
    "Announcement",
    "AnnouncementAcknowledgement",
    "Delivery",
    "EmailPreference",
    "Invitation",
    "Onboarding",
    "OnboardingPlan",
    "OnboardingStep",
    "OwnerSide",
    "PlanStep",
    "Tip",
]
