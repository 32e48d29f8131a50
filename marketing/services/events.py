"""Events: create, publish, cancel, seats and waitlist, attendance, reminders.

Seats: ``event_register`` and ``registration_cancel`` lock the event row
(``select_for_update``) before counting seats, so two people taking the last seat at
once get one seat and one waitlist place, and a cancellation promotes the next in
line exactly once. E-mails are rows of the one delivery ledger
(``emails.delivery``), kind ``event``, key ``e<event>/<what>``, enqueued through
the outbox after the change commits.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.exceptions import ApplicationError, NotFoundError
from emails import delivery as engine
from hub import permissions as access
from marketing.models import (
    Event,
    Registration,
)
from onboarding.models import Delivery

# reminder code → how long before the start it goes out
REMINDERS = {"remind-1d": timedelta(days=1), "remind-1h": timedelta(hours=1)}


# --- e-mails through the delivery ledger ----------------------------------------


def event_key(event_id: int, what: str) -> str:
    return f"e{event_id}/{what}"


def _deliver(*, event: Event, what: str, registrations) -> None:
    """One ledger row per person for this event and message; enqueued on commit."""
    key = event_key(event.pk, what)
    rows = [(r.user_id, key, r.network_id, event.pk) for r in registrations]
    if not rows:
        return
    engine.deliveries_create(kind=Delivery.Kind.EVENT, rows=rows)
    engine.deliveries_enqueue(
        engine.unsent_ids(kind=Delivery.Kind.EVENT, keys=[key]), outbox=True
    )


# --- events -----------------------------------------------------------------------


def _check_times(starts_at, ends_at) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ApplicationError(
            _("The event must end after it starts."),
            extra={"fields": {"ends_at": [_("Must be after the start.")]}},
        )


@transaction.atomic
def event_create(*, actor, regions=(), networks=(), **fields) -> Event:
    access.require_manager(actor)
    _check_times(fields.get("starts_at"), fields.get("ends_at"))
    event = Event.objects.create(created_by=actor, **fields)
    event.regions.set(regions)
    event.networks.set(networks)
    audit_record(actor=actor, action="event.create", obj=event)
    return event


@transaction.atomic
def event_update(
    *, event: Event, actor, regions=None, networks=None, **fields
) -> Event:
    access.require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (Event.Status.DONE, Event.Status.CANCELLED):
        raise ApplicationError(_("A finished or cancelled event cannot change."))
    changes = {
        name: [str(getattr(event, name)), str(value)]
        for name, value in fields.items()
        if getattr(event, name) != value
    }
    for name, value in fields.items():
        setattr(event, name, value)
    _check_times(event.starts_at, event.ends_at)
    if changes and event.status == Event.Status.PUBLISHED:
        event.sequence += 1
    event.save()
    if regions is not None:
        event.regions.set(regions)
    if networks is not None:
        event.networks.set(networks)
    audit_record(actor=actor, action="event.update", obj=event, changes=changes)
    _promote(event)  # more seats: the waitlist moves up
    return event


@transaction.atomic
def event_publish(*, event: Event, actor) -> Event:
    access.require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise ApplicationError(_("Only a draft can be published."))
    if event.starts_at <= timezone.now():
        raise ApplicationError(_("This event has already started; move it first."))
    event.status = Event.Status.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="event.publish",
        obj=event,
        changes={"status": ["draft", "published"]},
    )
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor) -> Event:
    """Cancel and tell every registrant and waitlisted person once."""
    access.require_manager(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (Event.Status.DONE, Event.Status.CANCELLED):
        raise ApplicationError(_("This event is already over or cancelled."))
    was = event.status
    event.status = Event.Status.CANCELLED
    event.sequence += 1
    event.save(update_fields=["status", "sequence"])
    audit_record(
        actor=actor,
        action="event.cancel",
        obj=event,
        changes={"status": [was, "cancelled"]},
    )
    _deliver(
        event=event,
        what="cancelled",
        registrations=event.registrations.exclude(status=Registration.Status.CANCELLED),
    )
    return event


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=Registration.HOLDS_SEAT).count()


def _has_seat(event: Event) -> bool:
    return event.capacity is None or _seats_taken(event) < event.capacity


@transaction.atomic
def event_register(*, event: Event, user, network=None) -> Registration:
    """Register ``user`` (a member of an invited network): a seat or the waitlist."""
    from marketing.selectors import event_networks_for

    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != Event.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise ApplicationError(_("Registration is closed for this event."))
    networks = event_networks_for(event=event, user=user)
    if not networks:
        raise NotFoundError(_("No such event."))
    if network is None or network.pk not in {n.pk for n in networks}:
        network = networks[0]
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        return registration  # registering twice changes nothing
    status = (
        Registration.Status.REGISTERED
        if _has_seat(event)
        else Registration.Status.WAITLISTED
    )
    now = timezone.now()
    if registration is None:
        registration = Registration(event=event, user=user)
    registration.network = network
    registration.status = status
    registration.queued_at = now
    registration.save()
    if status == Registration.Status.REGISTERED:
        _deliver(event=event, what="confirm", registrations=[registration])
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor) -> Registration | None:
    """Cancel; when it held a seat the first in line moves up (and is told).
    Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return None
    if event.starts_at <= timezone.now():
        raise ApplicationError(_("The event has started; registrations are final."))
    held = registration.status in Registration.HOLDS_SEAT
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if actor != registration.user:
        audit_record(actor=actor, action="registration.cancel", obj=registration)
    if not held:
        return None
    promoted = _promote(event)
    return promoted[0] if promoted else None


def _promote(event: Event) -> list[Registration]:
    """Move the first in line up while seats are free (the event row is locked)."""
    if event.status != Event.Status.PUBLISHED:
        return []
    waiting = event.registrations.select_for_update().filter(
        status=Registration.Status.WAITLISTED
    )
    free = None if event.capacity is None else event.capacity - _seats_taken(event)
    if free is not None and free <= 0:
        return []
    promoted = list(waiting.order_by("queued_at", "pk")[:free])
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
    _deliver(event=event, what="confirm", registrations=promoted)
    return promoted


@transaction.atomic
def attendance_mark(*, event: Event, actor, attended_ids) -> int:
    """Staff tick who came, for all registrants at once; the rest are no-shows."""
    access.require_staff_member(actor)
    if event.starts_at > timezone.now():
        raise ApplicationError(_("Attendance is marked once the event has started."))
    seated = event.registrations.select_for_update().filter(
        status__in=Registration.HOLDS_SEAT
    )
    attended_ids = {int(pk) for pk in attended_ids}
    came = seated.filter(pk__in=attended_ids).update(
        status=Registration.Status.ATTENDED
    )
    seated.exclude(pk__in=attended_ids).update(status=Registration.Status.REGISTERED)
    audit_record(
        actor=actor,
        action="event.attendance",
        obj=event,
        changes={"attended": [None, came]},
    )
    return came


@transaction.atomic
def registration_rate(
    *, registration: Registration, user, rating: int, comment: str = ""
) -> Registration:
    if registration.user_id != user.pk:
        raise NotFoundError(_("No such registration."))
    if registration.event.starts_at > timezone.now():
        raise ApplicationError(_("Rate the event once it has taken place."))
    if registration.status not in Registration.HOLDS_SEAT:
        raise ApplicationError(_("Only people who had a seat may rate the event."))
    if not (1 <= int(rating) <= 5):
        raise ApplicationError(
            _("A rating is 1 to 5."), extra={"fields": {"rating": [_("1 to 5.")]}}
        )
    registration.rating = int(rating)
    registration.comment = comment.strip()
    registration.save(update_fields=["rating", "comment", "updated_at"])
    return registration


def event_reminders_send(*, now=None) -> int:
    """Beat: reminders a day and an hour before, once each per seated person.

    Someone who took their seat after a reminder's moment does not get it (their
    confirmation came later than the reminder would have)."""
    now = now or timezone.now()
    created = 0
    for what, before in REMINDERS.items():
        events = Event.objects.filter(
            status=Event.Status.PUBLISHED,
            starts_at__gt=now,
            starts_at__lte=now + before,
        )
        for event in events:
            with transaction.atomic():
                seated = event.registrations.filter(
                    status__in=Registration.HOLDS_SEAT,
                    queued_at__lte=event.starts_at - before,
                )
                _deliver(event=event, what=what, registrations=list(seated))
                created += len(seated)
    return created
