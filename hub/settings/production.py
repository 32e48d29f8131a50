"""Production (compose, gunicorn): refuses to start without a real secret key.

Behind a TLS-terminating proxy set ``SECURE_PROXY_SSL_HEADER_ENABLED=true``;
``manage.py check --deploy`` then passes with no warnings.
"""

from django.core.exceptions import ImproperlyConfigured

from hub.settings.base import *  # noqa: F403
from hub.settings.base import env

SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(
    ("insecure", "django-insecure", "change")
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in "
        "production (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

if env.bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Staff sign in with a second factor unless a deployment says otherwise.
HUB_STAFF_2FA = env.str("HUB_STAFF_2FA", default="required")

# Sign-in lockouts and rate limits are counted in the cache: every web process must
# see the same counts, or each gunicorn worker grants its own five tries.
_PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
if CACHES["default"]["BACKEND"] in _PROCESS_LOCAL_CACHES:  # noqa: F405
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache shared by every web process in production "
        "(e.g. CACHE_URL=rediscache://127.0.0.1:6379/1): sign-in lockouts and "
        "rate limits are counted there, and a per-process cache "
        f"({CACHES['default']['BACKEND']}) lets each worker count on its own."  # noqa: F405
    )
