from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets

from hub.api.permissions import IsStaffMember
from insights import selectors
from insights.api.serializers import RecurringGroupSerializer
from insights.models import RecurringGroup


@extend_schema(tags=["insights"])
class RecurringGroupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Recurring questions: groups of similar recent tickets, largest first
    (staff only; recomputed nightly or by ``find_recurring_questions``)."""

    permission_classes = [IsStaffMember]
    serializer_class = RecurringGroupSerializer

    def get_queryset(self):
        return selectors.recurring_groups_with_references(
            queryset=RecurringGroup.objects.order_by("-size", "-network_count", "id")
        )
