from django.contrib import admin

from campaigns.models import (
    Campaign,
    CampaignMetric,
    Enrolment,
    Goal,
    Material,
    MetricUpload,
    Task,
)


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    autocomplete_fields = ["network"]
    readonly_fields = ["invited_at", "responded_at", "responded_by"]


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "start_date", "end_date", "owner"]
    list_filter = ["status", "kind", "regions"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status"]  # status moves go through the portal's transitions
    filter_horizontal = ["regions"]
    inlines = [GoalInline, EnrolmentInline, TaskInline, MaterialInline]


@admin.register(CampaignMetric)
class CampaignMetricAdmin(admin.ModelAdmin):
    list_display = ["campaign", "network", "date", "metric", "value"]
    list_filter = ["metric", "campaign"]
    list_select_related = ["campaign", "network"]
    date_hierarchy = "date"


@admin.register(MetricUpload)
class MetricUploadAdmin(admin.ModelAdmin):
    list_display = ["campaign", "filename", "uploaded_by", "status", "created_at"]
    exclude = ["rows"]
