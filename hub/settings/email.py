"""E-mail from ``EMAIL_URL`` (e.g. ``smtp://127.0.0.1:1025``); console by default."""

import environ

env = environ.Env()

_email = env.email_url("EMAIL_URL", default="consolemail://")
vars().update({key: value for key, value in _email.items() if value not in (None, "")})
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Creator Network Hub <hub@hub.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
