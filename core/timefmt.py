"""How the hub shows a date or a time: one date format, the viewer's time zone,
relative with the absolute time on hover.

- ``DATE_FORMAT`` / ``DATETIME_FORMAT``: the one format (Django ``date`` syntax).
- ``time_tag(value)``: ``<time datetime="ISO 8601" title="3 Dec 2026, 14:05 CET">
  3 h ago</time>``; a ``date`` (no time) is shown absolute, a datetime further than
  a week away too (relative time stops helping there).
- The time zone is the request's current one (``hub.middleware.TimeZoneMiddleware``
  activates the viewer's, ``hub.timezones.time_zone_for``); e-mails and tasks
  activate the recipient's before rendering.

Templates call it as ``{{ value|reltime }}`` and ``{{ value|hub_date }}`` (Django:
``{% load hub_time %}``; Jinja2: the same filters, registered in ``core/jinja.py``).
"""

import datetime as dt

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
RELATIVE_LIMIT = dt.timedelta(days=7)


def _local(value: dt.datetime) -> dt.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return timezone.localtime(value)


def local_date(value) -> str:
    """``3 Dec 2026``: a date, or a datetime's date where the viewer is."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value)
    return date_format(value, DATE_FORMAT)


def local_datetime(value: dt.datetime | None) -> str:
    """``3 Dec 2026, 14:05 CET``: the absolute local time with its zone."""
    if value is None:
        return ""
    local = _local(value)
    return f"{date_format(local, DATETIME_FORMAT)} {local.tzname()}"


def relative(value: dt.datetime, now: dt.datetime | None = None) -> str:
    """``just now``, ``5 min ago``, ``3 h ago``, ``2 d ago``, ``in 4 h``; beyond a
    week the date."""
    now = now or timezone.now()
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    delta = now - value
    future = delta < dt.timedelta(0)
    seconds = abs(delta.total_seconds())
    if seconds >= RELATIVE_LIMIT.total_seconds():
        return local_date(value)
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        n = int(seconds // 60)
        return (
            ngettext("in %(n)d min", "in %(n)d min", n)
            if future
            else ngettext("%(n)d min ago", "%(n)d min ago", n)
        ) % {"n": n}
    if seconds < 86400:
        n = int(seconds // 3600)
        return (
            ngettext("in %(n)d h", "in %(n)d h", n)
            if future
            else ngettext("%(n)d h ago", "%(n)d h ago", n)
        ) % {"n": n}
    n = int(seconds // 86400)
    return (
        ngettext("in %(n)d d", "in %(n)d d", n)
        if future
        else ngettext("%(n)d d ago", "%(n)d d ago", n)
    ) % {"n": n}


def time_tag(value, now: dt.datetime | None = None) -> str:
    """The ``<time>`` element every page shows a moment with (safe HTML)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, dt.datetime):  # a calendar date: no time, no zone
        return format_html(
            '<time datetime="{}">{}</time>', value.isoformat(), local_date(value)
        )
    local = _local(value)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        local_datetime(value),
        relative(value, now),
    )
