"""Every model admin records its add, change and delete in the audit log.

``audit_every_model_admin(site)`` runs once (``AuditConfig.ready``, after the admin
has discovered every ``admin.py``) and gives each registered model admin the
``AuditedAdminMixin`` as its first base, so no admin has to remember to. The
mixin hooks Django's own logging points (``log_addition``, ``log_change``,
``log_deletions``), which the admin calls inside the transaction of the change;
admin actions (such as "delete selected") run in one transaction with their rows.

What changed comes from the admin form: the value it was loaded with → the value
saved, for each changed field (inline rows: added, changed, deleted). Values of
secret fields (passwords, keys, tokens, one-time codes) are never recorded.
"""

from __future__ import annotations

import re

from django.contrib.admin.options import BaseModelAdmin
from django.db import router, transaction
from django.db.models import Model, QuerySet

from audit.services import REDACTED, audit_record, audit_record_many

SECRET_FIELD = re.compile(r"pass|secret|token|otp|recovery|(^|_)key$|^key", re.I)
MAX_TEXT = 500


def _text(value) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, QuerySet | list | tuple | set):
        return sorted(str(item) for item in value)
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _old_value(form, name: str):
    value = form.initial.get(name)
    field = form.fields.get(name)
    queryset = getattr(field, "queryset", None)
    # a foreign key's initial value is its pk: show the object it named
    if (
        queryset is not None
        and value not in (None, "")
        and not isinstance(value, Model | list | tuple | QuerySet)
    ):
        return queryset.model._default_manager.filter(pk=value).first() or value
    return value


def form_changes(form, formsets=None) -> dict:
    """``{"field": [old, new]}`` for every field the form changed."""
    changes: dict = {}
    for name in form.changed_data:
        if SECRET_FIELD.search(name):
            changes[name] = [REDACTED, REDACTED]
            continue
        new = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        changes[name] = [_text(_old_value(form, name)), _text(new)]
    inline = []
    for formset in formsets or ():
        for obj in getattr(formset, "new_objects", ()):
            inline.append(["added", obj._meta.verbose_name, str(obj)])
        for obj, fields in getattr(formset, "changed_objects", ()):
            inline.append(["changed", obj._meta.verbose_name, str(obj), list(fields)])
        for obj in getattr(formset, "deleted_objects", ()):
            inline.append(["deleted", obj._meta.verbose_name, str(obj)])
    if inline:
        changes["inline rows"] = inline
    return changes


class AuditedAdminMixin:
    """Records ``admin.add`` / ``admin.change`` / ``admin.delete`` for a model admin."""

    def construct_change_message(self, request, form, formsets, add=False):
        request._audit_changes = form_changes(form, formsets)
        return super().construct_change_message(request, form, formsets, add)

    def _recorded_changes(self, request) -> dict:
        return request.__dict__.pop("_audit_changes", None) or {}

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit_record(
            actor=request.user,
            action="admin.add",
            obj=obj,
            changes=self._recorded_changes(request),
            request=request,
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        changes = self._recorded_changes(request)
        if not changes and message:
            changes = {"message": _text(message)}
        audit_record(
            actor=request.user,
            action="admin.change",
            obj=obj,
            changes=changes,
            request=request,
        )
        return entry

    def log_deletions(self, request, queryset):
        objects = list(queryset)
        entries = super().log_deletions(request, objects)
        audit_record_many(
            actor=request.user,
            action="admin.delete",
            items=[(obj, None) for obj in objects],
            request=request,
        )
        return entries

    def response_action(self, request, queryset):
        # an admin action's rows and its audit rows commit together
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)


def audited(admin_class: type) -> type:
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (AuditedAdminMixin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )


def audit_every_model_admin(site) -> None:
    """Give every model admin registered on ``site`` the audit mixin (idempotent)."""
    for model_admin in site._registry.values():
        if isinstance(model_admin, BaseModelAdmin):
            model_admin.__class__ = audited(type(model_admin))
