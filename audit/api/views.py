"""``GET /api/v1/audit-log/``: agency managers only (filters actor, object, since)."""

from rest_framework import mixins, viewsets

from audit.api.serializers import AuditEntrySerializer
from audit.filters import AuditFilter
from audit.selectors import audit_entries
from hub.api.permissions import IsManager


class AuditEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Staff and administrator actions, newest first. ``since`` without an offset
    is read as UTC."""

    serializer_class = AuditEntrySerializer
    permission_classes = [IsManager]
    filterset_class = AuditFilter
    ordering_fields = ["created_at"]
    search_fields = ["actor_label", "action", "object_label"]

    def get_queryset(self):
        return audit_entries(user=self.request.user)
