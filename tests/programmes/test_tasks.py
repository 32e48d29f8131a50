"""Check-in requests: exactly one per participant and week, through a real Celery
worker (Redis) and a real SMTP server (aiosmtpd), also when SMTP fails mid-batch."""

import time
from collections import Counter

import pytest

from hub.schedule import SCHEDULE
from onboarding.models import Delivery
from programmes.services import checkin_requests_schedule, current_week
from tests.hub.factories import MembershipFactory
from tests.onboarding.smtp import RecordingHandler
from tests.programmes.factories import feature_test, running_test


class FailsOnce(RecordingHandler):
    """Refuses the ``fail_at``-th message once (a temporary SMTP error)."""

    def __init__(self, fail_at: int):
        super().__init__()
        self.fail_at, self.seen = fail_at, 0

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen == self.fail_at:
            return "451 Requested action aborted: try again later"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    from tests.onboarding.smtp import free_port

    handler = FailsOnce(fail_at=2)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.HUB_DELIVERY_CHUNK = 10  # one batch: the failure lands in its middle
    yield handler
    controller.stop()


def _wait_all_sent(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Delivery.objects.filter(kind="checkin").exclude(status="sent").exists():
            return
        time.sleep(0.2)
    rows = list(Delivery.objects.values_list("recipient_id", "status", "last_error"))
    pytest.fail(f"check-in requests not all sent: {rows}")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_each_participant_gets_exactly_one_request_per_week_despite_an_smtp_failure(
    celery_worker, smtp, network_a, network_b, member_a, member_b
):
    # given: two networks taking part (three people), one not (never asked)
    second_a = MembershipFactory(network=network_a).user
    bystander = MembershipFactory().user
    test = running_test(network_a, network_b)
    feature_test(name="Still recruiting")  # not running: asks nobody
    week = current_week()

    # when: the week's requests go out; the second message is refused once
    assert checkin_requests_schedule(week=week) == 3
    _wait_all_sent()
    # and the schedule runs again the same week (beat twice, a retry, a command)
    assert checkin_requests_schedule(week=week) == 0
    time.sleep(1)

    # then: one message per person, the refused one sent on the task's retry
    people = {member_a.email, second_a.email, member_b.email}
    assert smtp.seen == 4  # three delivered + the refused attempt
    assert Counter(smtp.recipients(str(week))) == dict.fromkeys(people, 1)
    assert bystander.email not in smtp.recipients()
    retried = Delivery.objects.get(kind="checkin", attempts=2)
    assert "451" in retried.last_error
    [(_rcpts, message)] = [m for m in smtp.messages if _rcpts_of(m) == member_a.email]
    assert "Multi-guest rooms" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert f"/programmes/{test.pk}/checkin/" in body

    # and next week: exactly one more each
    assert checkin_requests_schedule(week=week.shift(1)) == 3
    _wait_all_sent()
    assert Counter(smtp.recipients(str(week.shift(1)))) == dict.fromkeys(people, 1)
    assert len(smtp.recipients()) == 6


def _rcpts_of(entry) -> str:
    return entry[0][0]


def test_the_weekly_request_is_on_the_beat_schedule_with_expires():
    entry = SCHEDULE["programmes: weekly check-in requests"]
    assert entry["task"] == "programmes.tasks.checkin_requests_task"
    assert entry["options"]["expires"] > 0


@pytest.mark.django_db
def test_a_closed_test_or_a_network_that_left_gets_no_request(
    network_a, member_a, mailoutbox
):
    from emails.delivery import deliveries_create, deliveries_send
    from programmes.services import checkin_key

    test = running_test(network_a)
    closed = running_test(network_a, name="Done already")
    closed.status = "closed"
    closed.save()
    week = current_week()
    deliveries_create(
        kind="checkin",
        rows=[
            (
                member_a.pk,
                checkin_key(feature_test_id=t.pk, week=week),
                network_a.pk,
                t.pk,
            )
            for t in (test, closed)
        ],
    )
    test.applications.update(status="declined")
    ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
    outcome = deliveries_send(delivery_ids=ids)
    assert outcome["skipped"] == ids and not mailoutbox
