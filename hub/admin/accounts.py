"""Accounts in the admin: only administrators (superusers) change privileges or
credentials.

Agency managers may look people up (the membership and network forms pick users
through the autocomplete), never change them: whatever permissions a group holds,
a non-superuser sees no password, and every privilege field, the e-mail address
(what one signs in with) and the active flag are read-only to them; the password
form, adding and deleting people are refused. Groups (whose permissions would be
an escalation), API tokens and second-factor devices are administrators' alone.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.models import ApiToken, User

# What only a superuser may change on an account.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")
CREDENTIAL_FIELDS = ("email", "password", "is_active")


def _is_admin(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Invisible to everyone but superusers, whatever their groups hold."""

    def has_module_permission(self, request):
        return _is_admin(request)

    def has_view_permission(self, request, obj=None):
        return _is_admin(request)

    def has_add_permission(self, request):
        return _is_admin(request)

    def has_change_permission(self, request, obj=None):
        return _is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return _is_admin(request)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "time_zone", "language")}),
        (_("Permissions"), {"fields": ("is_active", *PRIVILEGE_FIELDS)}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    staff_fieldsets = (  # what anyone but a superuser sees: no password at all
        (None, {"fields": ("email",)}),
        (_("Profile"), {"fields": ("display_name", "time_zone", "language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "password1", "password2"),
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not _is_admin(request):
            return self.staff_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if _is_admin(request):
            return ()
        return (*CREDENTIAL_FIELDS, *PRIVILEGE_FIELDS, "last_login", "date_joined")

    def has_add_permission(self, request):
        return _is_admin(request)  # an account is born with a password

    def has_delete_permission(self, request, obj=None):
        return _is_admin(request)

    def user_change_password(self, request, id, form_url=""):
        if not _is_admin(request):
            raise PermissionDenied  # people change their own at /accounts/password_change/
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        guarded = set(PRIVILEGE_FIELDS) | set(CREDENTIAL_FIELDS)
        if not _is_admin(request) and guarded & set(form.changed_data):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(SuperuserOnlyAdmin, DjangoGroupAdmin):
    """A group's permissions are privileges: administrators only."""


@admin.register(ApiToken)
class ApiTokenAdmin(SuperuserOnlyAdmin):
    """Tokens by name and first characters; the secret itself is never stored.
    Administrators may revoke (delete) one; tokens are made on /accounts/tokens/."""

    list_display = ["name", "user", "prefix", "created_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email", "prefix"]
    fields = ["name", "user", "prefix", "created_at", "expires_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(SuperuserOnlyAdmin):
    """Who has an authenticator app. Deleting one (with the recovery codes) lets
    someone who lost their phone set up a new one; the key is never shown."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        from hub.two_factor import two_factor_disable

        two_factor_disable(user=obj.user, actor=request.user)

    def delete_queryset(self, request, queryset):
        from hub.two_factor import two_factor_disable

        for device in queryset.select_related("user"):
            two_factor_disable(user=device.user, actor=request.user)
