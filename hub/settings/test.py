"""Test settings: PostgreSQL and Redis when reachable, SQLite otherwise.

``HUB_REQUIRE_SERVICES=1`` (set by ``.ci/run``) turns an unreachable PostgreSQL or
Redis into an error instead of a fallback, so CI never silently runs on SQLite.
"""

import os
import socket

from django.core.exceptions import ImproperlyConfigured

from hub.settings.base import *  # noqa: F403
from hub.settings.base import BASE_DIR, env


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


REQUIRE_SERVICES = env.bool("HUB_REQUIRE_SERVICES", default=False)

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": env.db("DATABASE_URL")}
elif _reachable("127.0.0.1", 5432):
    DATABASES = {"default": env.db_url_config("postgres://postgres@127.0.0.1:5432/hub")}
elif REQUIRE_SERVICES:
    raise ImproperlyConfigured("HUB_REQUIRE_SERVICES=1 but PostgreSQL is not reachable")
else:
    DATABASES = {"default": env.db_url_config(f"sqlite:///{BASE_DIR / 'test.sqlite3'}")}

REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")
REDIS_AVAILABLE = _reachable("127.0.0.1", 6379)
if REQUIRE_SERVICES and not REDIS_AVAILABLE:
    raise ImproperlyConfigured("HUB_REQUIRE_SERVICES=1 but Redis is not reachable")

# Unit tests run tasks in-process; tests that prove delivery start a real worker
# on Redis (see ``tests/conftest.py``).
CELERY_BROKER_URL = REDIS_URL if REDIS_AVAILABLE else "memory://"
CELERY_TASK_ALWAYS_EAGER = True
HUB_EMBED_ON_CREATE = (
    False  # the model would run for every ticket; its test turns it on
)

SECRET_KEY = "test-secret-key-that-is-only-used-by-the-test-suite"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# perf: cached figures would leak between tests (one locmem cache); tests of the
# caching switch a family on (core/cache.py)
HUB_CACHE_HOME_SECONDS = HUB_CACHE_PICK_LISTS_SECONDS = 0
HUB_CACHE_TICKET_COUNTS_SECONDS = HUB_CACHE_QUEUE_HEALTH_SECONDS = 0
HUB_CACHE_TABLE_SIZES_SECONDS = 0
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# --- onboarding: a real worker process for tests/onboarding/test_exactly_once.py ---
# That test starts `celery -A hub worker` as a subprocess with HUB_TEST_WORKER=1: the
# worker then takes its broker from CELERY_BROKER_URL, runs tasks for real (not
# eagerly), sends through EMAIL_URL (an SMTP server the test runs), routes follow-up
# tasks to the test's own queue and recovers a killed worker's tasks within seconds.
if env.bool("HUB_TEST_WORKER", default=False):
    CELERY_BROKER_URL = env("CELERY_BROKER_URL")
    CELERY_TASK_ALWAYS_EAGER = False
    CELERY_TASK_DEFAULT_QUEUE = env("HUB_TEST_QUEUE", default="hub")
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("HUB_TEST_VISIBILITY_TIMEOUT", default=3600),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
    _email = env.email_url("EMAIL_URL", default="smtp://127.0.0.1:25")
    vars().update(
        {key: value for key, value in _email.items() if value not in (None, "")}
    )

# --- channels: webhook receivers in tests listen on 127.0.0.1 ---
HUB_WEBHOOK_ALLOW_PRIVATE = True
