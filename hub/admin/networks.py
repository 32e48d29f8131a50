"""Networks, memberships and regions (agency managers) and the outbox (superusers:
no staff group holds its permissions)."""

from django.contrib import admin

from hub.models import CreatorNetwork, Membership, OutboxMessage, Region


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(CreatorNetwork)
class CreatorNetworkAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "region",
        "tier",
        "status",
        "default_language",
        "manager",
        "created_at",
    ]
    list_filter = ["region", "tier", "status", "default_language"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["manager"]
    list_select_related = ["region", "manager"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:  # a new network: saved, audited and given its checklist, in one place
            from onboarding.services import network_create

            network_create(network=obj, actor=request.user)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "created_at"]
    list_filter = ["role", "network__region"]
    search_fields = ["user__email", "network__name"]
    autocomplete_fields = ["user", "network"]
    list_select_related = ["user", "network"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Background work waiting for the broker; read-only, for operators."""

    list_display = [
        "task_name",
        "created_at",
        "dispatched_at",
        "attempts",
        "last_error",
    ]
    list_filter = [("dispatched_at", admin.EmptyFieldListFilter), "task_name"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
