"""Reading the audit log: agency managers (and administrators) only."""

import zoneinfo

from django.db.models import QuerySet
from django.utils import timezone

from audit.filters import AuditFilter
from audit.models import AuditEntry
from hub import permissions as access

CSV_HEADER = [
    "when (UTC)",
    "who",
    "action",
    "object type",
    "object id",
    "object",
    "what changed",
    "from",
]


def _zone(user):
    from hub.timezones import time_zone_for, zone_or_default

    return zone_or_default(time_zone_for(user))


def audit_entries(*, user) -> QuerySet[AuditEntry]:
    """The log this person may read: all of it for managers, else nothing."""
    if not access.is_manager(user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.all()


def audit_filterset(*, user, filters=None) -> AuditFilter:
    """The filtered log for the viewer and its CSV. Dates without a time zone in
    ``since`` are read in the person's own time zone (the API reads them as UTC)."""
    filterset = AuditFilter(filters or {}, queryset=audit_entries(user=user))
    with timezone.override(_zone(user)):
        filterset.is_valid()  # parse the dates now, in the person's zone
        filterset.qs  # noqa: B018 - evaluated lazily otherwise, outside the zone
    return filterset


def audit_csv_rows(queryset: QuerySet):
    """Rows for the CSV export, read in chunks."""
    for entry in queryset.iterator(chunk_size=2000):
        yield [
            entry.created_at.astimezone(zoneinfo.ZoneInfo("UTC")).isoformat(),
            entry.actor_label,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.object_label,
            entry.changes_text(),
            entry.ip or "",
        ]
