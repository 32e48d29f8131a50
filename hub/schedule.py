"""The whole beat schedule, in one readable module.

``python manage.py setup_periodic_tasks`` (run by ``make run``, compose and after
deploys) loads these entries into django-celery-beat, so staff can see, pause and
change them in the admin (Periodic tasks). Each entry has ``expires`` so runs do not
pile up behind a slow worker. Capabilities add their entries here.
"""

from celery.schedules import crontab

SCHEDULE: dict[str, dict] = {
    # Send background work that was recorded while the broker was unreachable.
    "hub: flush the outbox": {
        "task": "hub.tasks.outbox_flush_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # tickets: warn assignees before an SLA breach and mark breaches.
    "tickets: SLA sweep": {
        "task": "tickets.tasks.sla_sweep_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Drop expired sessions so the table stays small.
    "hub: clear expired sessions": {
        "task": "hub.tasks.clear_sessions_task",
        "schedule": crontab(minute=17, hour=3),
        "options": {"expires": 60 * 60},
    },
}
