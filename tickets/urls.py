from django.urls import path

from tickets.views import actions, exports, files, pages, undo, work, workspace

app_name = "tickets"

REF = "<str:reference>"

urlpatterns = [
    path("", pages.ticket_list_view, name="list"),
    path("new/", pages.ticket_create_view, name="new"),
    path("export.csv", exports.ticket_export_view, name="export"),
    path("files/<uuid:key>/", files.attachment_download_view, name="attachment"),
    path("bulk/", work.ticket_bulk_view, name="bulk"),
    path("bulk/undo/", undo.ticket_bulk_undo_view, name="bulk_undo"),
    path("views/", work.saved_view_create_view, name="view_create"),
    path("views/<int:pk>/delete/", work.saved_view_delete_view, name="view_delete"),
    path(f"{REF}/", pages.ticket_detail_view, name="detail"),
    path(f"{REF}/reply/", actions.ticket_reply_view, name="reply"),
    path(f"{REF}/note/", actions.ticket_note_view, name="note"),
    path(f"{REF}/properties/", actions.ticket_properties_view, name="properties"),
    path(f"{REF}/take/", actions.ticket_take_view, name="take"),
    path(f"{REF}/canned/", work.canned_reply_apply_view, name="canned_reply"),
    path(f"{REF}/rate/", work.ticket_rate_view, name="rate"),
    path(f"{REF}/compose/", workspace.ticket_compose_view, name="compose"),
    path(f"{REF}/presence/", workspace.ticket_presence_view, name="presence"),
    path(f"{REF}/context/", workspace.ticket_context_view, name="context"),
    path(
        f"{REF}/conversation/",
        workspace.ticket_conversation_view,
        name="conversation",
    ),
]
