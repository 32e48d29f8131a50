import smtplib
from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.periods import parse_month
from emails import delivery as engine
from emails.tasks import send_deliveries_task
from hub.schedule import SCHEDULE
from onboarding.models import Delivery
from onboarding.services import digest_schedule
from onboarding.tasks import send_monthly_digest_task
from tests.onboarding.factories import TipFactory
from tests.onboarding.smtp import start_smtp

pytestmark = pytest.mark.django_db


def _digest_row(user, network, key="2026-10"):
    return Delivery.objects.create(
        kind="digest", recipient=user, network=network, key=f"{key}/n{network.pk}"
    )


def test_digest_goes_through_a_real_smtp_server(settings, member_a, network_a):
    controller, smtp = start_smtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        send_monthly_digest_task.delay(month="2026-10")
    finally:
        controller.stop()
    [(rcpts, message)] = smtp.messages
    assert rcpts == [member_a.email]
    assert isinstance(message, EmailMessage)
    assert "October 2026" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/onboarding/unsubscribe/" in message["List-Unsubscribe"]
    kinds = {part.get_content_type() for part in message.walk()}
    assert {"text/plain", "text/html"} <= kinds


def test_smtp_failure_releases_the_claim_and_the_retry_sends_once(
    member_a, network_a, monkeypatch
):
    row = _digest_row(member_a, network_a)
    real_send = mail.EmailMultiAlternatives.send
    calls = {"n": 0}

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", flaky)
    monkeypatch.setattr(send_deliveries_task, "retry_backoff", False)
    send_deliveries_task.apply(args=[[row.pk]], throw=False)  # eager retry runs inline
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2 and "gone" in row.last_error
    assert len(mail.outbox) == 1


def test_a_sent_row_is_never_claimed_again(member_a, network_a):
    row = _digest_row(member_a, network_a)
    assert engine.delivery_send(delivery_id=row.pk) == engine.SENT
    Delivery.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - timedelta(days=1)
    )
    assert engine.delivery_claim(delivery_id=row.pk) is None
    assert engine.delivery_send(delivery_id=row.pk) == engine.DONE
    assert len(mail.outbox) == 1


def test_a_fresh_claim_is_busy_and_a_stale_unsent_claim_is_taken_over(
    member_a, network_a, settings
):
    settings.HUB_DELIVERY_CLAIM_TIMEOUT = 600
    row = _digest_row(member_a, network_a)
    token = engine.delivery_claim(delivery_id=row.pk)
    assert token is not None
    assert engine.delivery_send(delivery_id=row.pk) == engine.BUSY
    Delivery.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=601)
    )
    assert engine.delivery_send(delivery_id=row.pk) == engine.SENT
    # the dead worker's late "sent" cannot overwrite the new claim's outcome
    assert engine.delivery_mark_sent(delivery_id=row.pk, token=token) == 0
    assert len(mail.outbox) == 1


def test_stranded_deliveries_are_found_for_the_resume_sweep(
    member_a, network_a, settings
):
    settings.HUB_DELIVERY_CLAIM_TIMEOUT = 60
    row = _digest_row(member_a, network_a)
    Delivery.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert engine.stranded_ids(older_than=timedelta(minutes=15)) == [row.pk]
    engine.delivery_send(delivery_id=row.pk)
    assert engine.stranded_ids(older_than=timedelta(minutes=15)) == []


def test_rerunning_a_period_sends_nothing_new(member_a, member_b):
    period = parse_month("2026-09")
    digest_schedule(period=period)
    sent = len(mail.outbox)
    digest_schedule(period=period)
    assert sent == 2 and len(mail.outbox) == 2


def test_monthly_digest_dry_run_prints_and_sends_nothing(member_a, capsys):
    call_command("send_monthly_digest", "--month", "2026-10", "--dry-run")
    out = capsys.readouterr().out
    assert member_a.email in out and "nothing was sent" in out
    assert mail.outbox == [] and not Delivery.objects.exists()


def test_monthly_digest_command_sends_and_reports(member_a, capsys):
    call_command("send_monthly_digest", "--month", "2026-10")
    assert "Queued the 2026-10 digest for 1 members" in capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [[member_a.email]]


def test_bad_month_is_a_clear_error(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("send_monthly_digest", "--month", "October")


def test_weekly_tips_dry_run_then_send(member_a, capsys):
    TipFactory(title="Search first")
    call_command("send_weekly_tips", "--dry-run")
    out = capsys.readouterr().out
    assert f"{member_a.email}  →  Search first" in out and mail.outbox == []
    call_command("send_weekly_tips")
    assert [m.to for m in mail.outbox] == [[member_a.email]]


def test_beat_has_every_onboarding_entry_with_expires():
    tasks = {entry["task"]: entry for entry in SCHEDULE.values()}
    for name in (
        "send_weekly_tips_task",
        "send_monthly_digest_task",
        "publish_due_announcements_task",
        "remind_stalled_onboardings_task",
        "resume_deliveries_task",
    ):
        assert tasks[f"onboarding.tasks.{name}"]["options"]["expires"] > 0


def test_seed_demo_is_idempotent_and_adds_benchmark_members(db):
    from onboarding.models import Announcement, Onboarding, Tip

    call_command("seed_demo", "--members", "30", "--networks", "3")
    counts = (
        Onboarding.objects.count(),
        Tip.objects.count(),
        Announcement.objects.count(),
    )
    call_command("seed_demo", "--members", "30", "--networks", "3")
    assert counts == (
        Onboarding.objects.count(),
        Tip.objects.count(),
        Announcement.objects.count(),
    )
    assert counts[1] == 12
    from hub.models import Membership

    assert (
        Membership.objects.filter(user__email__startswith="bench-member-").count() == 30
    )
