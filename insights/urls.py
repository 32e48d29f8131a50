"""Insights pages in their own namespace, mounted under ``/hub/`` (hub/urls.py):
``insights:weekly``, ``insights:recurring``, ``insights:feedback`` and their actions."""

from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("weekly/", views.weekly_view, name="weekly"),
    path("recurring/", views.recurring_view, name="recurring"),
    path(
        "recurring/<int:pk>/draft/",
        views.recurring_draft_view,
        name="recurring_draft",
    ),
    path(
        "recurring/gaps/<int:pk>/draft/",
        views.search_gap_draft_view,
        name="search_gap_draft",
    ),
    path("feedback/", views.feedback_view, name="feedback"),
    path("feedback/export.csv", views.feedback_export_view, name="feedback_export"),
    path("feedback/new/", views.feedback_create_view, name="feedback_create"),
    path(
        "feedback/<int:pk>/status/",
        views.feedback_status_view,
        name="feedback_status",
    ),
    path("feedback/<int:pk>/link/", views.feedback_link_view, name="feedback_link"),
]
