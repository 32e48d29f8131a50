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
    # Drop campaign CSV uploads that were previewed but never confirmed.
    "campaigns: purge unconfirmed figure uploads": {
        "task": "campaigns.tasks.metric_uploads_purge_task",
        "schedule": crontab(minute=41, hour=3),
        "options": {"expires": 60 * 60},
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
    # insights: regroup recent tickets into recurring questions, nightly.
    "insights: find recurring questions": {
        "task": "insights.tasks.recurring_questions_task",
        "schedule": crontab(minute=40, hour=2),
        "options": {"expires": 60 * 60},
    },
    # faq: drop FAQ search records older than HUB_SEARCH_LOG_DAYS, nightly.
    "faq: prune the search log": {
        "task": "faq.tasks.search_records_prune_task",
        "schedule": crontab(minute=23, hour=3),
        "options": {"expires": 60 * 60},
    },
    # insights: regroup unanswered FAQ searches into search gaps, hourly.
    "insights: find search gaps": {
        "task": "insights.tasks.search_gaps_compute_task",
        "schedule": crontab(minute=12),
        "options": {"expires": 50 * 60},
    },
    # insights: every hour, e-mail the weekly update to managers at Monday 08:00 local.
    "insights: weekly update e-mails": {
        "task": "insights.tasks.weekly_update_due_task",
        "schedule": crontab(minute=2),
        "options": {"expires": 50 * 60},
    },
    # onboarding: weekly tips — hourly; each run picks members whose network-local
    # time is HUB_TIPS_WEEKDAY at HUB_TIPS_HOUR (the ISO-week key stops repeats).
    "onboarding: weekly tips": {
        "task": "onboarding.tasks.send_weekly_tips_task",
        "schedule": crontab(minute=0),
        "options": {"expires": 50 * 60},
    },
    # onboarding: monthly digest — the 1st at 06:00 UTC, for the previous month.
    "onboarding: monthly digest": {
        "task": "onboarding.tasks.send_monthly_digest_task",
        "schedule": crontab(minute=0, hour=6, day_of_month=1),
        "options": {"expires": 6 * 60 * 60},
    },
    # onboarding: publish scheduled announcements (and e-mail them) every 5 minutes.
    "onboarding: publish announcements": {
        "task": "onboarding.tasks.publish_due_announcements_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 4 * 60},
    },
    # onboarding: flag stalled onboardings and remind their managers once, daily.
    "onboarding: stalled onboardings": {
        "task": "onboarding.tasks.remind_stalled_onboardings_task",
        "schedule": crontab(minute=30, hour=7),
        "options": {"expires": 60 * 60},
    },
    # onboarding: re-enqueue lifecycle e-mails stranded by a lost task or a broker
    # outage (the delivery claim still sends each exactly once).
    "onboarding: resume stranded deliveries": {
        "task": "onboarding.tasks.resume_deliveries_task",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 10 * 60},
    },
    # inbound: file new messages from the support mailbox (INBOUND_IMAP_URL).
    "inbound: poll the support mailbox": {
        "task": "inbound.tasks.receive_email_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # webhooks: retry deliveries whose backoff is over and that no task holds.
    "webhooks: retry due deliveries": {
        "task": "webhooks.tasks.webhook_retry_due_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # programmes: ask every participant of a running feature test for this week's
    # check-in (Mondays 09:00 UTC; the delivery ledger keeps it once per week).
    "programmes: weekly check-in requests": {
        "task": "programmes.tasks.checkin_requests_task",
        "schedule": crontab(minute=0, hour=9, day_of_week=1),
        "options": {"expires": 60 * 60},
    },
    # marketing: event reminders a day and an hour before (each exactly once).
    "marketing: event reminders": {
        "task": "marketing.tasks.event_reminders_task",
        "schedule": 300.0,
        "options": {"expires": 280},
    },
}
