"""Staff edit categories and tags here; tickets are worked in the portal, so the
admin shows them read-only (every write goes through ``tickets.services``)."""

from django.contrib import admin

from tickets.models import (
    Attachment,
    Category,
    Tag,
    Ticket,
    TicketChange,
    TicketMessage,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MessageInline(ReadOnlyMixin, admin.TabularInline):
    model = TicketMessage
    fields = ["created_at", "author", "internal", "body"]
    readonly_fields = fields
    extra = 0


class ChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = TicketChange
    fields = ["created_at", "actor", "field", "old_value", "new_value"]
    readonly_fields = fields
    extra = 0


@admin.register(Ticket)
class TicketAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "subject",
        "network",
        "status",
        "priority",
        "assignee",
        "created_at",
    ]
    list_filter = ["status", "priority", "kind", "channel", "category"]
    search_fields = ["reference", "subject"]
    list_select_related = ["network", "assignee"]
    show_full_result_count = False
    inlines = [MessageInline, ChangeInline]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "ticket", "content_type", "size", "created_at"]
    list_select_related = ["ticket"]
    raw_id_fields = ["ticket", "message"]
    exclude = ["file"]  # served only through the access-checked portal view
