"""Settings shared by every environment, read from the environment.

Variables: ``DATABASE_URL``, ``CELERY_BROKER_URL``, ``EMAIL_URL``, ``SECRET_KEY``,
``DEBUG``, ``ALLOWED_HOSTS`` (and the few optional ones documented in the README).
With none set, the embedded default runs: SQLite, Celery tasks in-process and
e-mail printed to the console.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env(
    "SECRET_KEY", default="insecure-local-development-key-not-for-production"
)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "hub.apps.HubAdminConfig",  # the admin site, with the hub's sign-in and roles
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "emails",
    "hub",
    "tickets",
    "faq",
    "campaigns",
    "onboarding",
    "insights",
    "inbound",
    "webhooks",
    "programmes",
    "marketing",
    # last: its ready() gives every model admin registered above the audit hook
    "audit",
]

MIDDLEWARE = [
    "core.cache.RequestMemoMiddleware",  # per-request answers (core/cache.py)
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.context.AuditContextMiddleware",
    "hub.middleware.SecondFactorMiddleware",
    "hub.middleware.TimeZoneMiddleware",  # times in the viewer's zone (issue 17)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
]

# The benchmark (``make bench``) reads each request's SQL query count from a header.
if env.bool("HUB_QUERY_COUNT_HEADER", default=False):
    MIDDLEWARE.insert(0, "core.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.portal",
            ],
        },
    },
    {
        # hot partials only (core/jinja.py); pages stay Django templates
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "core.jinja.environment"},
    },
]

# forms render from templates, Jinja2 first (core/forms.py)
FORM_RENDERER = "core.forms.HubFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "hub.User"
# ModelBackend whose user load also brings the network's default language
AUTHENTICATION_BACKENDS = ["hub.backends.HubModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The languages the hub speaks (SPEC §9), each named in its own language for the
# switcher; their catalogues are locale/<code>/LC_MESSAGES/django.po.
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "简体中文"),
    ("id", "Bahasa Indonesia"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
# With one language Django's advice is USE_I18N = False, which skips a catalogue
# lookup for every {% translate %} and choice label (measurable on the queue, issue
# 9). With more, the machinery is on and the hub's language middleware picks each
# request's language (hub/languages.py: preference, cookie, Accept-Language, the
# network's default); it runs after authentication because it reads the person.
USE_I18N = len(LANGUAGES) > 1
if USE_I18N:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "hub.languages.LanguageMiddleware",
    )
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files (attachments) live outside the web root and are only ever served
# through access-checked views; MEDIA_URL is deliberately not routed.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://hub")}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
HUB_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Requests: the largest body read into memory (a bigger one answers 413); files
# are streamed to disk and have their own limits. 10 MB holds the API's largest
# batch (50,000 campaign figures).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("HUB_MAX_REQUEST_BYTES", default=10 * 1024 * 1024)
# Anonymous "helpful" votes and "this solved it" clicks per client address and
# article in an hour (fresh sessions cannot stuff them)
HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS = env.int(
    "HUB_ANONYMOUS_FEEDBACK_PER_ADDRESS", default=5
)

# --- Accounts and sign-in (hub/throttling.py, hub/two_factor.py, hub/tokens.py) ---
# Proxies in front of the app that append to X-Forwarded-For (0: none, the header
# is ignored; 1: one TLS proxy, the rightmost entry is the client; 2: CDN + proxy…)
HUB_TRUSTED_PROXY_COUNT = env.int("HUB_TRUSTED_PROXY_COUNT", default=0)
# Failures in HUB_LOGIN_FAILURE_WINDOW_SECONDS before sign-in is refused (429) for
# HUB_LOGIN_LOCKOUT_SECONDS: one account from one address; one address whatever the
# accounts; one account from anywhere, except in browsers that signed in to it before.
HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT = env.int(
    "HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT", default=5
)
HUB_LOGIN_MAX_FAILURES_PER_ADDRESS = env.int(
    "HUB_LOGIN_MAX_FAILURES_PER_ADDRESS", default=30
)
HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE = env.int(
    "HUB_LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE", default=50
)
HUB_LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
HUB_LOGIN_LOCKOUT_SECONDS = env.int("HUB_LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# Password-reset requests an hour, per address and per e-mail address asked for
HUB_PASSWORD_RESETS_PER_ADDRESS = env.int("HUB_PASSWORD_RESETS_PER_ADDRESS", default=10)
HUB_PASSWORD_RESETS_PER_ACCOUNT = env.int("HUB_PASSWORD_RESETS_PER_ACCOUNT", default=3)
# Second factor for staff: "required" (production) or "optional"
HUB_STAFF_2FA = env.str("HUB_STAFF_2FA", default="optional")
# API tokens expire this many days after they are created
HUB_API_TOKEN_TTL_DAYS = env.int("HUB_API_TOKEN_TTL_DAYS", default=90)
OTP_TOTP_ISSUER = "Creator Network Hub"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

HUB_SITE_NAME = "Creator Network Support Hub"
HUB_BASE_URL = env("HUB_BASE_URL", default="http://127.0.0.1:8000")
# Apps contribute demo data in this order (see ``hub.demo``).
HUB_DEMO_SEEDERS = [
    "hub.demo.seed",
    "faq.demo.seed",
    "faq.demo_searches.seed",  # after the people (hub) and the articles (faq)
    "tickets.demo.seed",
    "insights.demo.seed",
    "campaigns.demo.seed",
    "onboarding.demo.seed",
    "inbound.demo.seed",
    "webhooks.demo.seed",
    "programmes.demo.seed",
    "marketing.demo.seed",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Capabilities' own settings -------------------------------------------------
# tickets: a network may file this many tickets an hour (staff are not counted)
HUB_TICKETS_PER_NETWORK_PER_HOUR = env.int(
    "HUB_TICKETS_PER_NETWORK_PER_HOUR", default=60
)
# tickets: attachment limits (bytes per file, files per message)
HUB_ATTACHMENT_MAX_BYTES = env.int("HUB_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
HUB_ATTACHMENT_MAX_FILES = env.int("HUB_ATTACHMENT_MAX_FILES", default=5)
# tickets: SLA "due soon" window and warning lead time (minutes); rating edit window
HUB_SLA_DUE_SOON_MINUTES = env.int("HUB_SLA_DUE_SOON_MINUTES", default=60)
HUB_SLA_WARNING_MINUTES = env.int("HUB_SLA_WARNING_MINUTES", default=30)
HUB_SATISFACTION_EDIT_DAYS = 7
# faq:
# campaigns:
# onboarding: stalled after N days without progress; invitation links expire after N
# days; weekly tips go out on this weekday (0 = Monday) at this local hour; a delivery
# claim older than N seconds (its worker died) may be taken over if not yet sent.
HUB_ONBOARDING_STALL_DAYS = env.int("HUB_ONBOARDING_STALL_DAYS", default=7)
HUB_INVITATION_MAX_AGE_DAYS = env.int("HUB_INVITATION_MAX_AGE_DAYS", default=7)
HUB_TIPS_WEEKDAY = env.int("HUB_TIPS_WEEKDAY", default=1)
HUB_TIPS_HOUR = env.int("HUB_TIPS_HOUR", default=10)
HUB_DELIVERY_CLAIM_TIMEOUT = env.int("HUB_DELIVERY_CLAIM_TIMEOUT", default=600)
HUB_DELIVERY_CHUNK = env.int("HUB_DELIVERY_CHUNK", default=50)  # rows per send task
# insights: weeks of tickets the recurring-question grouping looks at
HUB_RECURRING_WEEKS = env.int("HUB_RECURRING_WEEKS", default=6)
HUB_EMBEDDING_THREADS = env.int("HUB_EMBEDDING_THREADS", default=2)
# issue 18: embed each new ticket through the outbox (on by default when a worker
# runs it, i.e. with a broker; the embedded default embeds in the nightly run)
HUB_EMBED_ON_CREATE = env.bool(
    "HUB_EMBED_ON_CREATE", default=bool(env("CELERY_BROKER_URL", default=""))
)
# faq: days FAQ searches are kept for search gaps (pruned nightly)
HUB_SEARCH_LOG_DAYS = env.int("HUB_SEARCH_LOG_DAYS", default=90)
HUB_INSIGHTS_CACHE_SECONDS = env.int("HUB_INSIGHTS_CACHE_SECONDS", default=300)
# Seconds each family of cached figures is kept (0: computed every time); the
# families, their keys and invalidation live in core/cache.py. The one setting these
# five once shared, HUB_HOME_CACHE_SECONDS, is deprecated: still read as their default.
_HOME_CACHE_SECONDS = env.int("HUB_HOME_CACHE_SECONDS", default=30)
HUB_CACHE_HOME_SECONDS = env.int("HUB_CACHE_HOME_SECONDS", default=_HOME_CACHE_SECONDS)
HUB_CACHE_PICK_LISTS_SECONDS = env.int(
    "HUB_CACHE_PICK_LISTS_SECONDS", default=_HOME_CACHE_SECONDS
)
HUB_CACHE_TICKET_COUNTS_SECONDS = env.int(
    "HUB_CACHE_TICKET_COUNTS_SECONDS", default=_HOME_CACHE_SECONDS
)
HUB_CACHE_QUEUE_HEALTH_SECONDS = env.int(
    "HUB_CACHE_QUEUE_HEALTH_SECONDS", default=_HOME_CACHE_SECONDS
)
HUB_CACHE_TABLE_SIZES_SECONDS = env.int(
    "HUB_CACHE_TABLE_SIZES_SECONDS", default=_HOME_CACHE_SECONDS
)

# Issue 17, the staff ticket page: how long "also here" marks last (pages beat
# every third of it), and how often the conversation asks for new messages.
HUB_PRESENCE_SECONDS = env.int("HUB_PRESENCE_SECONDS", default=30)
HUB_CONVERSATION_POLL_SECONDS = env.int("HUB_CONVERSATION_POLL_SECONDS", default=15)

from hub.settings.api import *  # noqa: E402, F403
from hub.settings.celery import *  # noqa: E402, F403
from hub.settings.channels import *  # noqa: E402, F403
from hub.settings.email import *  # noqa: E402, F403
