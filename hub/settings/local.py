"""Local development: the default for ``manage.py`` (``make run``)."""

from hub.settings.base import *  # noqa: F403
from hub.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = True
