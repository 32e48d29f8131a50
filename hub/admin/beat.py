"""The beat schedule in the admin: staff pause and resume, administrators define.

Agency managers see every periodic task and schedule and may switch a task on or
off (the form, or the enable/disable/toggle actions); the task name, arguments,
schedule and options are read-only to them, and only superusers add, delete or
"run now". Tasks take ids (``hub.outbox``), so even a task an administrator adds
cannot carry an address or a link of its own.
"""

from contextlib import contextmanager

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import PeriodicTask

from audit.services import audit_record_many

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

    # The enable/disable/toggle actions update rows in bulk, past the admin's own
    # change log: each records what it switched in the audit log.
    @contextmanager
    def _audited(self, request, queryset, action: str):
        rows = list(queryset.select_related(None).only("pk", "name", "enabled"))
        yield
        after = dict(
            PeriodicTask.objects.filter(pk__in=[row.pk for row in rows]).values_list(
                "pk", "enabled"
            )
        )
        audit_record_many(
            actor=request.user,
            action=action,
            request=request,
            items=[
                (row, {"enabled": [row.enabled, after[row.pk]]})
                for row in rows
                if row.pk in after and row.enabled != after[row.pk]
            ],
        )

    @admin.action(description=_("Enable selected tasks"))
    def enable_tasks(self, request, queryset):
        with self._audited(request, queryset, "beat.enable"):
            super().enable_tasks(request, queryset)

    @admin.action(description=_("Disable selected tasks"))
    def disable_tasks(self, request, queryset):
        with self._audited(request, queryset, "beat.disable"):
            super().disable_tasks(request, queryset)

    @admin.action(description=_("Toggle activity of selected tasks"))
    def toggle_tasks(self, request, queryset):
        with self._audited(request, queryset, "beat.toggle"):
            super().toggle_tasks(request, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self._is_admin(request):
            return actions
        allowed = STAFF_ACTIONS if self.has_change_permission(request) else ()
        return {name: action for name, action in actions.items() if name in allowed}
