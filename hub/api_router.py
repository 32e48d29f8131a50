"""Every API route under ``/api/v1/``. Apps register their viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from campaigns.api.views import CampaignViewSet
from faq.api.views import ArticleViewSet
from hub.api.views import NetworkViewSet
from hub.auth_views import ObtainTokenView
from tickets.api.views import TicketViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("networks", NetworkViewSet, basename="network")
router.register("tickets", TicketViewSet, basename="ticket")
router.register("faq/articles", ArticleViewSet, basename="faq-article")
router.register("campaigns", CampaignViewSet, basename="campaign")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
