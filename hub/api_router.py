"""Every API route under ``/api/v1/``. Apps register their viewsets here."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from hub.api.views import NetworkViewSet
from hub.auth_views import ObtainTokenView

router = DefaultRouter()
router.register("networks", NetworkViewSet, basename="network")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]
