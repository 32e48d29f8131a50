"""The audit log: one row per staff or administrator action.

Append-only: rows are written by ``audit.services.audit_record`` and never changed
or deleted through the hub (the admin shows them read-only). The one exception is
personal-data erasure, which replaces the erased person's name and address in
the labels (``audit.services.audit_forget_person``) and leaves the row.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # what the actor was called then: the row stays readable if the account goes
    actor_label = models.CharField(_("who (as recorded)"), max_length=254)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(
        _("object type"), max_length=100, help_text=_("app_label.model")
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(
        _("what changed"),
        default=dict,
        blank=True,
        help_text=_('{"field": ["old", "new"]} or figures such as {"rows": 12}'),
    )
    ip = models.GenericIPAddressField(_("from"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="audit_created_idx"),
            models.Index(
                fields=["object_type", "object_id", "-created_at"],
                name="audit_object_idx",
            ),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_label}"

    @property
    def object_ref(self) -> str:
        """``tickets.ticket:42``: what the ``object`` filter takes."""
        return f"{self.object_type}:{self.object_id}"

    @property
    def change_list(self) -> list[dict]:
        """The changes for display: ``{"field", "old", "new"}`` for a change of a
        field, ``{"field", "value"}`` for a figure or a note."""
        rows = []
        changes = self.changes if isinstance(self.changes, dict) else {}
        for field, value in changes.items():
            if isinstance(value, list) and len(value) == 2 and field != "inline rows":
                rows.append({"field": field, "old": value[0], "new": value[1]})
            else:
                rows.append({"field": field, "value": value})
        return rows

    def changes_text(self) -> str:
        """``status: Open → Solved; rows: 12`` (the CSV's column)."""
        parts = []
        for row in self.change_list:
            if "value" in row:
                parts.append(f"{row['field']}: {row['value']}")
            else:
                old = "—" if row["old"] in (None, "") else row["old"]
                new = "—" if row["new"] in (None, "") else row["new"]
                parts.append(f"{row['field']}: {old} → {new}")
        return "; ".join(parts)
