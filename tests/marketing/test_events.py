"""Events: seats, the waitlist and its promotion, e-mails in the ledger, .ics."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from core.exceptions import ApplicationError, NotFoundError
from marketing import services
from marketing.calendar import event_ics
from marketing.models import Registration
from onboarding.models import Delivery
from tests.hub.factories import MembershipFactory
from tests.marketing.factories import EventFactory

pytestmark = pytest.mark.django_db


def _keys(user):
    return set(
        Delivery.objects.filter(kind="event", recipient=user).values_list(
            "key", flat=True
        )
    )


def test_past_capacity_people_join_the_waitlist_and_move_up_in_order(
    network_a, network_b
):
    event = EventFactory(capacity=1)
    first = MembershipFactory(network=network_a).user
    second = MembershipFactory(network=network_b).user
    third = MembershipFactory(network=network_b).user

    seat = services.event_register(event=event, user=first)
    wait_1 = services.event_register(event=event, user=second)
    wait_2 = services.event_register(event=event, user=third)
    assert [seat.status, wait_1.status, wait_2.status] == [
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert _keys(first) == {f"e{event.pk}/confirm"} and not _keys(second)

    promoted = services.registration_cancel(registration=seat, actor=first)

    assert promoted.pk == wait_1.pk
    assert Registration.objects.get(pk=wait_1.pk).status == "registered"
    assert Registration.objects.get(pk=wait_2.pk).status == "waitlisted"
    assert _keys(second) == {f"e{event.pk}/confirm"}


def test_registering_twice_keeps_one_registration(member_a):
    event = EventFactory()
    services.event_register(event=event, user=member_a)
    services.event_register(event=event, user=member_a)
    assert Registration.objects.filter(event=event).count() == 1
    assert Delivery.objects.filter(kind="event", recipient=member_a).count() == 1


def test_a_network_outside_the_audience_cannot_register(network_a, member_b):
    event = EventFactory()
    event.networks.add(network_a)
    with pytest.raises(NotFoundError):
        services.event_register(event=event, user=member_b)


def test_drafts_and_past_events_refuse_registration(member_a):
    with pytest.raises(ApplicationError):
        services.event_register(event=EventFactory(status="draft"), user=member_a)
    past = EventFactory(starts_at=timezone.now() - timedelta(hours=2))
    with pytest.raises(ApplicationError):
        services.event_register(event=past, user=member_a)


def test_reminders_go_to_seated_people_once_each(member_a, member_b):
    start = timezone.now() + timedelta(hours=30)
    event = EventFactory(starts_at=start, capacity=1)
    services.event_register(event=event, user=member_a)
    services.event_register(event=event, user=member_b)  # waitlisted

    for _ in range(2):
        services.event_reminders_send(now=start - timedelta(hours=23))
    services.event_reminders_send(now=start - timedelta(minutes=30))
    services.event_reminders_send(now=start - timedelta(minutes=20))

    assert _keys(member_a) == {
        f"e{event.pk}/confirm",
        f"e{event.pk}/remind-1d",
        f"e{event.pk}/remind-1h",
    }
    assert not _keys(member_b)


def test_cancelling_an_event_tells_registrants_and_the_waitlist_once(
    manager, member_a, member_b
):
    event = EventFactory(capacity=1)
    services.event_register(event=event, user=member_a)
    services.event_register(event=event, user=member_b)
    services.event_cancel(event=event, actor=manager)
    assert f"e{event.pk}/cancelled" in _keys(member_a)
    assert f"e{event.pk}/cancelled" in _keys(member_b)
    with pytest.raises(ApplicationError):
        services.event_cancel(event=event, actor=manager)


def test_only_managers_create_or_publish(intern):
    with pytest.raises(ApplicationError):
        services.event_publish(event=EventFactory(status="draft"), actor=intern)


def test_attendance_and_no_show_rate(manager, member_a, member_b):
    from marketing.selectors import event_report

    event = EventFactory(capacity=5)
    a = services.event_register(event=event, user=member_a)
    services.event_register(event=event, user=member_b)
    event.starts_at = timezone.now() - timedelta(minutes=5)
    event.ends_at = timezone.now() + timedelta(minutes=55)
    event.save()
    services.attendance_mark(event=event, actor=manager, attended_ids=[a.pk])
    services.registration_rate(
        registration=Registration.objects.get(pk=a.pk), user=member_a, rating=4
    )
    report = event_report(event=event)
    assert report["attended"] == 1 and report["no_show_rate"] == 50
    assert report["rating_average"] == 4


def test_the_ics_file_is_valid_rfc5545():
    event = EventFactory(
        title="Award night; best, brightest\nand more " + "long " * 30,
        venue="Hall 1, Sydney",
    )
    raw = event_ics(event)

    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert str(vevent["UID"]).startswith(str(event.uid))
    assert vevent["DTSTART"].dt == event.starts_at.replace(microsecond=0)
    assert vevent["DTSTART"].dt.utcoffset() == timedelta(0)
    assert vevent.get("DTSTAMP") is not None
    assert b"DTSTART:" in raw and b"Z\r\n" in raw  # UTC form, no VTIMEZONE needed
    assert b"\\;" in raw and b"\\," in raw and b"\\n" in raw  # escaped text
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")


def test_more_seats_move_the_waitlist_up_in_order(manager, network_a):
    event = EventFactory(capacity=1)
    people = [MembershipFactory(network=network_a).user for _ in range(4)]
    regs = [services.event_register(event=event, user=p) for p in people]
    services.event_update(event=event, actor=manager, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["registered", "registered", "registered", "waitlisted"]
    assert _keys(people[2]) == {f"e{event.pk}/confirm"}
