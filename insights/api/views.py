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
    search_fields = ["label", "terms"]

    def get_queryset(self):
        return RecurringGroup.objects.select_related("article").order_by(
            "-size", "-network_count", "id"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        references = selectors.recurring_references(group_ids=[g.pk for g in page])
        context = {**self.get_serializer_context(), "references": references}
        serializer = self.get_serializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)
