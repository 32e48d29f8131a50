"""The Celery application.

Workers: ``celery -A hub worker``; schedules: ``celery -A hub beat`` (the
django-celery-beat database scheduler, loaded from ``hub/schedule.py``).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.local")

app = Celery("hub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
