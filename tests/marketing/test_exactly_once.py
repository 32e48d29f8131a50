"""Every registrant gets exactly one confirmation and one of each reminder, through
a real Celery worker (Redis) and a real SMTP server, even when the SMTP server
fails in the middle of a batch and the task retries."""

import email
import time
from collections import Counter
from datetime import timedelta
from email import policy

import icalendar
import pytest
from django.utils import timezone

from marketing import services
from marketing.models import Registration
from onboarding.models import Delivery
from tests.hub.factories import MembershipFactory
from tests.marketing.factories import EventFactory
from tests.onboarding.smtp import RecordingHandler, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class FailsOnceMidBatch(RecordingHandler):
    """Refuses the second day-before reminder once (451), accepts everything else."""

    def __init__(self):
        super().__init__()
        self.reminders_seen = 0
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        if "Tomorrow" in str(message["Subject"]):
            self.reminders_seen += 1
            if self.reminders_seen == 2 and not self.refused:
                self.refused += 1
                return "451 Try again later"
        return await super().handle_DATA(server, session, envelope)


def _wait_for(condition, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    handler = FailsOnceMidBatch()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def _kind(subject: str) -> str:
    for word, kind in (
        ("registered", "confirm"),
        ("Tomorrow", "remind-1d"),
        ("an hour", "remind-1h"),
    ):
        if word in subject:
            return kind
    return subject


def test_confirmation_and_reminders_exactly_once_with_a_retry(celery_worker, smtp):
    # given an event with three seats, four people from two networks
    start = timezone.now() + timedelta(hours=30)
    event = EventFactory(
        starts_at=start, ends_at=start + timedelta(hours=1), capacity=3
    )
    people = [MembershipFactory().user for _ in range(4)]
    regs = [services.event_register(event=event, user=p) for p in people]
    assert [r.status for r in regs] == ["registered"] * 3 + ["waitlisted"]

    # when the first cancels, the fourth moves up; then both reminders fall due
    services.registration_cancel(registration=regs[0], actor=people[0])
    assert Registration.objects.get(pk=regs[3].pk).status == "registered"
    _wait_for(lambda: len(smtp.recipients("registered")) == 4)
    services.event_reminders_send(now=start - timedelta(hours=23))
    services.event_reminders_send(now=start - timedelta(hours=22))  # a second sweep
    _wait_for(lambda: len(smtp.recipients("Tomorrow")) == 3)
    services.event_reminders_send(now=start - timedelta(minutes=50))
    _wait_for(lambda: len(smtp.recipients("an hour")) == 3)
    time.sleep(2)  # anything sent twice would arrive by now

    # then each person got exactly one of each message they are due
    got = Counter(
        (rcpt, _kind(str(message["Subject"])))
        for rcpts, message in smtp.messages
        for rcpt in rcpts
    )
    seated = [p.email for p in people[1:]]
    expected = {(people[0].email, "confirm"): 1}
    for address in seated:
        expected.update(
            {(address, k): 1 for k in ("confirm", "remind-1d", "remind-1h")}
        )
    assert dict(got) == expected
    assert smtp.refused == 1  # the retry really happened mid-batch
    failed = Delivery.objects.get(
        kind="event", key=f"e{event.pk}/remind-1d", attempts=2
    )
    assert failed.status == "sent" and "451" in failed.last_error
    # every message carries the event as a calendar file
    for _, message in smtp.messages:
        (ics,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        (vevent,) = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == event.title
