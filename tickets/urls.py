from django.urls import path

from tickets.views import actions, files, pages

app_name = "tickets"

REF = "<str:reference>"

urlpatterns = [
    path("", pages.ticket_list_view, name="list"),
    path("new/", pages.ticket_create_view, name="new"),
    path("files/<uuid:key>/", files.attachment_download_view, name="attachment"),
    path(f"{REF}/", pages.ticket_detail_view, name="detail"),
    path(f"{REF}/reply/", actions.ticket_reply_view, name="reply"),
    path(f"{REF}/note/", actions.ticket_note_view, name="note"),
    path(f"{REF}/properties/", actions.ticket_properties_view, name="properties"),
    path(f"{REF}/take/", actions.ticket_take_view, name="take"),
]
