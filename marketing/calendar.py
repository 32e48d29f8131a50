"""An event as an iCalendar file (RFC 5545), built by the ``icalendar`` library.

Times are written in UTC (``DTSTART:20261203T090000Z``), which every calendar (Google,
Outlook, Apple) shows in the reader's own zone without needing a VTIMEZONE; the
event's own zone is named in the description. The library folds lines at 75 octets,
ends them with CRLF and escapes commas, semicolons and newlines. ``UID`` is stable
per event and ``SEQUENCE`` rises with every change sent, so an update or a
cancellation replaces the entry already imported.
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Creator Network Hub//Events//EN"


def event_uid(event) -> str:
    host = settings.HUB_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    return f"{event.uid}@{host or 'hub'}"


def event_ics(event, *, method: str = "PUBLISH") -> bytes:
    """``method``: PUBLISH for the download, REQUEST / CANCEL for e-mails."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    entry = VEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    link = settings.HUB_BASE_URL.rstrip("/") + event.get_absolute_url()
    description = "\n\n".join(
        part
        for part in (
            event.description,
            event.online_url and f"Join: {event.online_url}",
            f"Time zone: {event.time_zone}",
            link,
        )
        if part
    )
    entry.add("description", description)
    entry.add("location", event.venue or event.online_url or "")
    entry.add("url", event.online_url or link)
    entry.add("sequence", event.sequence)
    cancelled = method == "CANCEL" or event.status == "cancelled"
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(entry)
    return calendar.to_ical()
