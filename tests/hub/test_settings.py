import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRUBBED = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CACHE_URL",
    "HUB_STAFF_2FA",
}
GOOD_KEY = "k" * 20 + "-a-long-random-production-secret-key-value-0123456789"


def _run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings_value(module, expression, **env):
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    clean = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    clean.update({"DJANGO_SETTINGS_MODULE": module, **env})
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_embedded_default_is_sqlite_in_process_tasks_and_console_mail():
    value = _settings_value(
        "hub.settings.local",
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND",
    )
    assert value == (
        "django.db.backends.sqlite3 True django.core.mail.backends.console.EmailBackend"
    )


def test_environment_variables_configure_database_broker_and_mail():
    value = _settings_value(
        "hub.settings.local",
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_HOST, s.EMAIL_PORT, s.ALLOWED_HOSTS",
        DATABASE_URL="postgres://u:p@db.internal:5432/hubdb",
        CELERY_BROKER_URL="redis://redis.internal:6379/0",
        EMAIL_URL="smtp://127.0.0.1:1025",
        ALLOWED_HOSTS="hub.example,www.hub.example",
    )
    assert value == (
        "django.db.backends.postgresql hubdb redis://redis.internal:6379/0 False "
        "127.0.0.1 1025 ['hub.example', 'www.hub.example']"
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = _run(
        ["check"],
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        ALLOWED_HOSTS="hub.example",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deploy_check_without_warnings():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="hub.example",
        DATABASE_URL="sqlite:////tmp/hub-deploy-check.sqlite3",
        CACHE_URL="rediscache://127.0.0.1:6379/1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://", None])
def test_production_refuses_to_start_on_a_process_local_cache(cache_url):
    # finding 10: each gunicorn worker counted sign-in failures on its own
    env = {"CACHE_URL": cache_url} if cache_url else {}
    result = _run(
        ["check"],
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="hub.example",
        DATABASE_URL="sqlite:////tmp/hub-deploy-check.sqlite3",
        **env,
    )
    assert result.returncode != 0
    assert "CACHE_URL must name a cache shared by every web process" in result.stderr


def test_production_requires_a_second_factor_for_staff_and_local_does_not():
    production = _settings_value(
        "hub.settings.production",
        "s.HUB_STAFF_2FA",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="hub.example",
        CACHE_URL="rediscache://127.0.0.1:6379/1",
    )
    assert production == "required"
    assert _settings_value("hub.settings.local", "s.HUB_STAFF_2FA") == "optional"
    assert _settings_value("hub.settings.test", "s.HUB_STAFF_2FA") == "optional"


@pytest.mark.django_db
def test_user_model_logs_in_by_email_and_groups_exist():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    assert user_model._meta.label == "hub.User"
    assert user_model.USERNAME_FIELD == "email"
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Agency managers",
        "Support interns",
    }
    managers = Group.objects.get(name="Agency managers")
    interns = Group.objects.get(name="Support interns")
    assert managers.permissions.filter(codename="manage_networks").exists()
    assert not interns.permissions.filter(codename="manage_networks").exists()
