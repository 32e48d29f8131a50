from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from hub import account_views, auth_views, language_views, search_views, views

hub_patterns = (
    [
        path("networks/", views.network_list_view, name="network_list"),
        path(
            "networks/<slug:slug>/export.zip",
            views.network_export_view,
            name="network_export",
        ),
        path("networks/<slug:slug>/", views.network_detail, name="network_detail"),
        path(
            "networks/<slug:slug>/language/",
            language_views.network_language_view,
            name="network_language",
        ),
        path("people/<int:pk>/erase/", views.person_erase_view, name="person_erase"),
        path("search/", search_views.global_search_view, name="search"),
        path("", include("audit.urls")),
    ],
    "hub",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/login/verify/", auth_views.login_verify, name="login_verify"),
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/profile/", account_views.profile, name="account_profile"),
    path("accounts/tokens/", account_views.token_list, name="account_tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        account_views.token_revoke,
        name="account_token_revoke",
    ),
    path("accounts/language/", language_views.language_view, name="language"),
    path("accounts/two-factor/", account_views.two_factor_index, name="two_factor"),
    path(
        "accounts/two-factor/setup/",
        account_views.two_factor_setup,
        name="two_factor_setup",
    ),
    path(
        "accounts/two-factor/recovery-codes/",
        account_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "accounts/two-factor/disable/",
        account_views.two_factor_disable,
        name="two_factor_disable",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("hub/", include(hub_patterns)),
    path("hub/", include("insights.urls")),  # /hub/weekly/, /hub/recurring/, …
    path("tickets/", include("tickets.urls")),
    path("faq/", include("faq.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("programmes/", include("programmes.urls")),
    path("", include("marketing.urls")),  # /events/, /content/, /brand/
    path("admin/", admin.site.urls),
    path("api/v1/", include("hub.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
]

handler400 = "hub.views.error_400"
handler403 = "hub.views.error_403"
handler404 = "hub.views.error_404"
handler500 = "hub.views.error_500"
