"""The audit log in the admin: agency managers and administrators read it; nobody
adds, changes or deletes a row here (it is append-only)."""

from django.contrib import admin

from audit.models import AuditEntry
from hub import permissions as access


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "object_label", "ip"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_label", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = False
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_module_permission(self, request) -> bool:
        return access.is_manager(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return access.is_manager(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
