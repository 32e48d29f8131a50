"""Audit log pages, mounted in the ``hub`` namespace under ``/hub/`` (hub/urls.py):
``hub:audit`` and ``hub:audit_export``."""

from django.urls import path

from audit import views

urlpatterns = [
    path("audit/", views.audit_log_view, name="audit"),
    path("audit/export.csv", views.audit_log_export_view, name="audit_export"),
]
