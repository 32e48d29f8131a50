"""``/tickets/export.csv``: the staff queue's current view (same filters), streamed."""

from django.utils import timezone
from django.views.decorators.http import require_GET

from core.csvfile import streaming_csv_response
from hub.decorators import staff_required
from tickets import selectors


@staff_required
@require_GET
def ticket_export_view(request):
    rows = selectors.ticket_export_rows(
        user=request.user, filters=request.GET, request=request
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    return streaming_csv_response(f"tickets-{stamp}.csv", selectors.EXPORT_HEADER, rows)
