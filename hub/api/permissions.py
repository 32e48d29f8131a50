"""DRF permission classes over the hub's permission layer."""

from rest_framework import permissions

from hub import permissions as access


class IsStaffMember(permissions.BasePermission):
    message = "Only platform staff may do this."

    def has_permission(self, request, view) -> bool:
        return access.is_staff_member(request.user)


class IsManager(permissions.BasePermission):
    message = "Only agency managers may do this."

    def has_permission(self, request, view) -> bool:
        return access.is_manager(request.user)


class StaffWriteOrReadOnly(permissions.BasePermission):
    """Everyone signed in may read what their querysets allow; staff may write."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated)
        return access.is_staff_member(request.user)
