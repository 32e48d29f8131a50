"""Finding 4 of issue 14, from a manager's side: the beat admin lets them see and
pause the project's schedules, never define what a task runs."""

import json

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule(db):
    call_command("setup_periodic_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return PeriodicTask.objects.get(name="hub: flush the outbox")


def test_a_manager_cannot_create_a_periodic_task(client_as, manager, schedule):
    # the attack: a beat entry sending a genuine reset e-mail with a forged link
    browser = client_as(manager)
    assert browser.get("/admin/django_celery_beat/periodictask/add/").status_code == 403
    response = browser.post(
        "/admin/django_celery_beat/periodictask/add/",
        {
            "name": "totally routine",
            "regtask": "hub.tasks.password_reset_email_task",
            "enabled": "on",
            "interval": schedule.interval_id,
            "args": "[]",
            "kwargs": json.dumps({"user_ids": [1]}),
        },
    )
    assert response.status_code == 403
    assert not PeriodicTask.objects.filter(name="totally routine").exists()


def test_a_manager_pauses_a_task_but_cannot_change_what_it_runs(
    client_as, manager, schedule
):
    browser = client_as(manager)
    page = browser.get(f"/admin/django_celery_beat/periodictask/{schedule.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="enabled"' in html
    assert 'name="task"' not in html and 'name="kwargs"' not in html
    response = browser.post(
        f"/admin/django_celery_beat/periodictask/{schedule.pk}/change/",
        {
            "enabled": "",  # pause
            "name": "renamed",
            "task": "hub.tasks.password_reset_email_task",
            "regtask": "hub.tasks.password_reset_email_task",
            "args": "[1]",
            "kwargs": json.dumps({"to": ["victim@example.com"]}),
        },
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.enabled is False
    assert schedule.name == "hub: flush the outbox"
    assert schedule.task == "hub.tasks.outbox_flush_task"
    assert json.loads(schedule.args) == [] and json.loads(schedule.kwargs) == {}


def test_a_manager_cannot_delete_or_run_tasks_but_may_toggle_them(
    client_as, manager, schedule
):
    browser = client_as(manager)
    url = "/admin/django_celery_beat/periodictask/"
    for action in ("delete_selected", "run_tasks"):
        browser.post(
            url, {"action": action, "_selected_action": [schedule.pk], "post": "yes"}
        )
        assert PeriodicTask.objects.filter(pk=schedule.pk).exists()
    assert browser.get(f"{url}{schedule.pk}/delete/").status_code == 403
    browser.post(url, {"action": "disable_tasks", "_selected_action": [schedule.pk]})
    schedule.refresh_from_db()
    assert schedule.enabled is False
    browser.post(url, {"action": "enable_tasks", "_selected_action": [schedule.pk]})
    schedule.refresh_from_db()
    assert schedule.enabled is True


def test_a_manager_sees_schedules_but_cannot_edit_them(client_as, manager, schedule):
    browser = client_as(manager)
    interval = schedule.interval
    url = f"/admin/django_celery_beat/intervalschedule/{interval.pk}/change/"
    assert browser.get(url).status_code == 200
    browser.post(url, {"every": 1, "period": "seconds"})
    interval.refresh_from_db()
    assert interval.every == 60


def test_interns_do_not_see_the_beat_admin(client_as, intern, schedule):
    browser = client_as(intern)
    assert browser.get("/admin/django_celery_beat/periodictask/").status_code == 403


def test_a_superuser_still_defines_tasks(client_as, administrator, schedule):
    browser = client_as(administrator)
    response = browser.post(
        "/admin/django_celery_beat/periodictask/add/",
        {
            "name": "extra flush",
            "regtask": "hub.tasks.outbox_flush_task",
            "enabled": "on",
            "interval": schedule.interval_id,
            "args": "[]",
            "kwargs": "{}",
            "priority": "",
            "expire_seconds": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PeriodicTask.objects.filter(name="extra flush").exists()
