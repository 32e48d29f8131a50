"""Every API route under ``/api/v1/``. Apps register their viewsets here."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from campaigns.api.views import CampaignViewSet
from hub.api.views import NetworkViewSet

router = DefaultRouter()
router.register("networks", NetworkViewSet, basename="network")
router.register("campaigns", CampaignViewSet, basename="campaign")

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="api-token"),
    path("", include(router.urls)),
]
