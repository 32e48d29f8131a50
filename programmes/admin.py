from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programmes.models import Application, CheckIn, FeatureTest


class ApplicationInline(admin.TabularInline):
    model = Application
    extra = 0
    autocomplete_fields = ["network"]
    readonly_fields = ["created_at", "decided_at", "decided_by"]


@admin.register(FeatureTest)
class FeatureTestAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "start_date", "end_date", "capacity", "owner"]
    list_filter = ["status", "regions"]
    search_fields = ["name"]
    list_select_related = ["owner"]
    autocomplete_fields = ["guide"]
    filter_horizontal = ["regions"]
    # status moves (and their rules) go through the portal's transitions
    readonly_fields = ["status", "started_at", "closed_at", "feedback_item"]
    inlines = [ApplicationInline]
    fieldsets = [
        (None, {"fields": ["name", "description", "guide", "owner", "status"]}),
        (_("Dates and places"), {"fields": ["start_date", "end_date", "capacity"]}),
        (_("Eligibility"), {"fields": ["regions", "tiers"]}),
        (
            _("Documentation checklist"),
            {"fields": ["guide_drafted_at", "guide_reviewed_at"]},
        ),
        (_("History"), {"fields": ["started_at", "closed_at", "feedback_item"]}),
    ]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Check-ins are the networks' answers: read and remove here, never write."""

    list_display = ["feature_test", "network", "week", "rating", "works", "created_at"]
    list_filter = ["feature_test", "works", "rating"]
    search_fields = ["network__name", "issues", "comment"]
    list_select_related = ["feature_test", "network"]
    readonly_fields = [
        "feature_test",
        "network",
        "week",
        "rating",
        "works",
        "issues",
        "comment",
        "submitted_by",
        "ticket",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
