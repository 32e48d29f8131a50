"""Django REST Framework and the OpenAPI schema."""

from django.utils.translation import gettext_lazy

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hub.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.HubFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # bounded JSON (core/api/parsers.py): 400/413 instead of a 500 on odd bodies
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.HubJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Creator Network Support Hub API",
    "DESCRIPTION": (
        "Tickets, knowledge base, campaigns and networks. Authenticate with "
        "`Authorization: Token <key>` (from `POST /api/v1/auth/token/`) or a session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share a field name across apps get their own enum names.
    "ENUM_NAME_OVERRIDES": {
        "TicketStatusEnum": "tickets.models.Ticket.Status",
        "TicketKindEnum": "tickets.models.Ticket.Kind",
        "TicketPriorityEnum": "tickets.models.Ticket.Priority",
        "CampaignKindEnum": "campaigns.models.Campaign.Kind",
        "CampaignStatusEnum": "campaigns.models.Campaign.Status",
        "ProgrammeStatusEnum": "programmes.models.FeatureTest.Status",
        "ProgrammeApplicationStatusEnum": "programmes.models.Application.Status",
        "EventKindEnum": "marketing.models.Event.Kind",
        "ContentKindEnum": "marketing.models.ContentItem.Kind",
        "BrandAssetKindEnum": "marketing.models.BrandAsset.Kind",
        "ContentMetricEnum": "marketing.engagement.METRIC_CHOICES",
        "CampaignMetricEnum": "campaigns.vocabulary.METRIC_CHOICES",
    },
}

# django-filter: say "Any" rather than "---------" on unset filter choices.
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("Any")
