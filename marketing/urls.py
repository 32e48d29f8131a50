from django.urls import path

from marketing.views import brand, content, events

app_name = "marketing"

urlpatterns = [
    path("events/", events.event_list_view, name="event_list"),
    path("events/new/", events.event_create_view, name="event_create"),
    path("events/<int:pk>/", events.event_detail_view, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_create_view, name="event_edit"),
    path("events/<int:pk>/publish/", events.event_publish_view, name="event_publish"),
    path("events/<int:pk>/cancel/", events.event_cancel_view, name="event_cancel"),
    path(
        "events/<int:pk>/register/", events.event_register_view, name="event_register"
    ),
    path(
        "events/<int:pk>/unregister/",
        events.event_unregister_view,
        name="event_unregister",
    ),
    path(
        "events/<int:pk>/attendance/",
        events.event_attendance_view,
        name="event_attendance",
    ),
    path("events/<int:pk>/rate/", events.event_rate_view, name="event_rate"),
    path(
        "events/<int:pk>/calendar.ics",
        events.event_calendar_view,
        name="event_calendar",
    ),
    path(
        "events/<int:pk>/attendees.csv",
        events.event_attendees_csv_view,
        name="event_attendees",
    ),
    path("content/", content.content_list_view, name="content_list"),
    path("content/upload/", content.content_upload_view, name="content_upload"),
    path(
        "content/upload/<int:pk>/",
        content.content_upload_preview_view,
        name="content_upload_preview",
    ),
    path(
        "content/template.csv", content.content_template_view, name="content_template"
    ),
    path("content/<int:pk>/", content.content_detail_view, name="content_detail"),
    path("brand/", brand.asset_list_view, name="asset_list"),
    path("brand/new/", brand.asset_create_view, name="asset_create"),
    path("brand/<int:pk>/", brand.asset_detail_view, name="asset_detail"),
    path("brand/<int:pk>/download/", brand.asset_download_view, name="asset_download"),
    path(
        "brand/versions/<int:pk>/download/",
        brand.version_download_view,
        name="version_download",
    ),
    path(
        "brand/versions/<int:pk>/retire/",
        brand.version_retire_view,
        name="version_retire",
    ),
]
