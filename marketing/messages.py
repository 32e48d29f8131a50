"""The event e-mails, built from a ledger row (kind ``event``, key ``e<id>/<what>``).

Confirmation, the two reminders and the cancellation notice each carry the event as
an ``.ics`` attachment; times are shown in the recipient's own time zone.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone

from emails import delivery as engine
from hub.emails import build_email
from marketing.calendar import event_ics
from marketing.models import Event, Registration
from onboarding.models import Delivery

TEMPLATES = {
    "confirm": "marketing_event_confirm",
    "remind-1d": "marketing_event_reminder",
    "remind-1h": "marketing_event_reminder",
    "cancelled": "marketing_event_cancelled",
}


def event_email(*, event: Event, user, what: str):
    zone = ZoneInfo(user.time_zone or event.time_zone or "UTC")
    message = build_email(
        to=user.email,
        template=TEMPLATES[what],
        context={
            "event": event,
            "user": user,
            "what": what,
            "starts": timezone.localtime(event.starts_at, zone),
            "ends": timezone.localtime(event.ends_at, zone),
            "zone": str(zone),
        },
    )
    method = "CANCEL" if what == "cancelled" else "REQUEST"
    message.attach(
        "event.ics", event_ics(event, method=method), f"text/calendar; method={method}"
    )
    return message


@engine.register_builder(Delivery.Kind.EVENT)
def build_event_email(delivery: Delivery, batch: engine.Batch):
    user = delivery.recipient
    what = delivery.key.split("/", 1)[1]
    key = ("event", delivery.object_id)
    if key not in batch.memo:
        batch.memo[key] = Event.objects.filter(pk=delivery.object_id).first()
    event = batch.memo[key]
    if event is None or not user.is_active or what not in TEMPLATES:
        return None
    status = (
        Registration.objects.filter(event=event, user=user)
        .values_list("status", flat=True)
        .first()
    )
    if what == "cancelled":
        if status in (None, Registration.Status.CANCELLED):
            return None
    elif (
        status not in Registration.HOLDS_SEAT or event.status != Event.Status.PUBLISHED
    ):
        return None  # cancelled since, or the event was
    return event_email(event=event, user=user, what=what)
