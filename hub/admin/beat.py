"""The beat schedule in the admin: staff pause and resume, administrators define.

Agency managers see every periodic task and schedule and may switch a task on or
off (the form, or the enable/disable/toggle actions); the task name, arguments,
schedule and options are read-only to them, and only superusers add, delete or
"run now". Tasks take ids (``hub.outbox``), so even a task an administrator adds
cannot carry an address or a link of its own.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import PeriodicTask

STAFF_FIELDSETS = (
    (None, {"fields": ("name", "task", "enabled", "description")}),
    (
        _("Schedule"),
        {
            "fields": (
                "interval",
                "crontab",
                "solar",
                "clocked",
                "start_time",
                "last_run_at",
                "one_off",
            )
        },
    ),
    (_("Arguments"), {"fields": ("args", "kwargs")}),
    (
        _("Execution options"),
        {"fields": ("expires", "expire_seconds", "queue", "priority", "headers")},
    ),
)
STAFF_EDITABLE = ("enabled",)
STAFF_ACTIONS = ("enable_tasks", "disable_tasks", "toggle_tasks")


class PauseForm(forms.ModelForm):
    class Meta:
        model = PeriodicTask
        fields = STAFF_EDITABLE


admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    def _is_admin(self, request) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request):
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._is_admin(request)

    def get_fieldsets(self, request, obj=None):
        if self._is_admin(request):
            return super().get_fieldsets(request, obj)
        return STAFF_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        if self._is_admin(request):
            return super().get_readonly_fields(request, obj)
        return tuple(
            name
            for _name, options in STAFF_FIELDSETS
            for name in options["fields"]
            if name not in STAFF_EDITABLE
        )

    def get_form(self, request, obj=None, **kwargs):
        if not self._is_admin(request):
            kwargs["form"] = PauseForm
        return super().get_form(request, obj, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self._is_admin(request):
            return actions
        allowed = STAFF_ACTIONS if self.has_change_permission(request) else ()
        return {name: action for name, action in actions.items() if name in allowed}
