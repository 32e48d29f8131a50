"""What the ticket form's article suggestions achieved, read only in the admin."""

from django.contrib import admin

from faq.models import Deflection
from hub import permissions as access


@admin.register(Deflection)
class DeflectionAdmin(admin.ModelAdmin):
    """What the ticket-form suggestions achieved (read only)."""

    list_display = ["created_at", "article", "outcome", "query", "user"]
    list_filter = ["outcome"]
    search_fields = ["query", "article__title"]
    list_select_related = ["article", "user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return access.is_manager(request.user) and super().has_delete_permission(
            request, obj
        )
