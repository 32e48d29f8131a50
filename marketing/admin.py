"""Admin for interns and managers: events with their registrations, content and
its figures, brand assets with their versions. Writes that have rules (publish,
register, promote, upload a version) go through the portal's services; the admin
is for looking things up and fixing details."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from marketing.models import (
    BrandAsset,
    BrandAssetVersion,
    ContentItem,
    ContentMetric,
    Event,
    Registration,
)


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["user", "network", "status", "queued_at", "rating", "comment"]
    readonly_fields = ["user", "network", "queued_at", "rating", "comment"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # people register themselves, through the waitlist rules


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "starts_at", "time_zone", "capacity"]
    list_filter = ["status", "kind", "regions"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["regions", "networks"]
    readonly_fields = ["uid", "sequence", "published_at", "created_by", "created_at"]
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "network", "status", "queued_at", "rating"]
    list_filter = ["status", "event"]
    search_fields = ["user__email", "event__title", "network__name"]
    list_select_related = ["event", "user", "network"]
    readonly_fields = ["event", "user", "network", "queued_at", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


class ContentMetricInline(admin.TabularInline):
    model = ContentMetric
    extra = 0


@admin.register(ContentItem)
class ContentItemAdmin(admin.ModelAdmin):
    list_display = ["creator_handle", "kind", "network", "posted_at", "campaign"]
    list_filter = ["kind", "network"]
    search_fields = ["creator_handle", "url", "hashtags"]
    list_select_related = ["network", "campaign"]
    autocomplete_fields = ["network"]
    inlines = [ContentMetricInline]


class VersionInline(admin.TabularInline):
    model = BrandAssetVersion
    extra = 0
    fields = [
        "number",
        "name",
        "is_current",
        "retired_at",
        "download_count",
        "created_at",
    ]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("versions (upload new ones on the portal's brand kit page)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BrandAsset)
class BrandAssetAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "usage_notes"]
    filter_horizontal = ["regions", "networks"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [VersionInline]
