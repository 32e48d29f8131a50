"""Every API route under ``/api/v1/``. Apps register their viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from audit.api.views import AuditEntryViewSet
from campaigns.api.views import CampaignViewSet
from faq.api.views import ArticleViewSet
from hub.api.views import NetworkViewSet, PersonViewSet
from hub.auth_views import ObtainTokenView
from inbound.api.views import InboundMessageViewSet
from insights.api.views import (
    FeedbackItemViewSet,
    RecurringGroupViewSet,
    SearchGapViewSet,
)
from marketing.api.views import BrandAssetViewSet, ContentViewSet, EventViewSet
from onboarding.api.views import (
    AnnouncementViewSet,
    EmailPreferenceView,
    InvitationViewSet,
    MemberViewSet,
    OnboardingStepViewSet,
    OnboardingViewSet,
)
from programmes.api.views import ProgrammeViewSet
from tickets.api.views import SavedViewViewSet, TicketViewSet
from webhooks.api.views import WebhookViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("networks", NetworkViewSet, basename="network")
router.register("tickets", TicketViewSet, basename="ticket")
router.register("faq/articles", ArticleViewSet, basename="faq-article")
router.register(
    "insights/recurring", RecurringGroupViewSet, basename="insights-recurring"
)
router.register(
    "insights/search-gaps", SearchGapViewSet, basename="insights-search-gaps"
)
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("audit-log", AuditEntryViewSet, basename="audit-log")
router.register("people", PersonViewSet, basename="person")
router.register("webhooks", WebhookViewSet, basename="webhook")
router.register("inbound", InboundMessageViewSet, basename="inbound")
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("events", EventViewSet, basename="event")
router.register("content", ContentViewSet, basename="content")
router.register("brand-assets", BrandAssetViewSet, basename="brand-asset")
# --- onboarding (steps before checklists: "steps" is no network slug) ---
router.register("onboarding/steps", OnboardingStepViewSet, basename="onboarding-step")
router.register("onboarding", OnboardingViewSet, basename="onboarding")
router.register(
    r"networks/(?P<network_slug>[\w-]+)/members", MemberViewSet, basename="member"
)
router.register(
    r"networks/(?P<network_slug>[\w-]+)/invitations",
    InvitationViewSet,
    basename="invitation",
)
router.register("announcements", AnnouncementViewSet, basename="announcement")
router.register("saved-views", SavedViewViewSet, basename="saved-view")
router.register("feedback", FeedbackItemViewSet, basename="feedback-item")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path(
        "email-preferences/",
        EmailPreferenceView.as_view(),
        name="api-email-preferences",
    ),
    path("", include(router.urls)),
]
