"""Every API route under ``/api/v1/``. Apps register their viewsets here."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from faq.api.views import ArticleViewSet
from hub.api.views import NetworkViewSet

router = DefaultRouter()
router.register("networks", NetworkViewSet, basename="network")
router.register("faq/articles", ArticleViewSet, basename="faq-article")

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="api-token"),
    path("", include(router.urls)),
]
