from django.contrib import admin

from insights.models import (
    FeedbackItem,
    FeedbackStatusChange,
    ProductArea,
    RecurringGroup,
)


@admin.register(RecurringGroup)
class RecurringGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "size", "network_count", "article", "computed_at"]
    raw_id_fields = ["tickets", "article", "draft_article", "typical_ticket"]
    search_fields = ["label"]


@admin.register(ProductArea)
class ProductAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class StatusChangeInline(admin.TabularInline):
    model = FeedbackStatusChange
    extra = 0
    readonly_fields = ["actor", "old_status", "new_status", "note", "created_at"]
    can_delete = False


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "status", "updated_at"]
    list_filter = ["status", "area"]
    raw_id_fields = ["tickets"]
    readonly_fields = ["status"]
    inlines = [StatusChangeInline]
