"""Exactly once with real processes: Redis, `celery -A hub worker`, SMTP.

A worker is SIGKILLed in the middle of a digest batch (while it waits on a slow SMTP
server), another worker starts, and every member must end up with exactly one digest
at the SMTP server.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from onboarding.models import Delivery
from tests.hub.factories import MembershipFactory, NetworkFactory
from tests.onboarding.smtp import start_smtp

ROOT = Path(__file__).resolve().parents[2]
MONTH = "2026-10"

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = django_settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker_env(queue: str, smtp_port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "HUB_TEST_WORKER": "1",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": django_settings.REDIS_URL,
        "HUB_TEST_QUEUE": queue,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        # recover the killed worker's tasks within seconds, not the hour of prod
        "HUB_TEST_VISIBILITY_TIMEOUT": "3",
        "HUB_DELIVERY_CLAIM_TIMEOUT": "3",
        "HUB_DELIVERY_CHUNK": "4",  # small chunks: the kill lands mid-chunk too
    }


def _start_worker(env: dict, name: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hub",
            "worker",
            "-Q",
            env["HUB_TEST_QUEUE"],
            "-n",
            f"{name}@%h",
            "--pool",
            "solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-l",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as a whole
    )


def _stop(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def _wait_until(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-3000:]}")


@pytest.fixture
def publish_to(celery_queue, settings):
    """Make ``.delay`` in this process publish to Redis on a queue of our own."""
    if not settings.REDIS_AVAILABLE:
        pytest.skip("needs Redis (not reachable)")
    from hub.celery import app

    queue = f"{celery_queue}-once-{uuid.uuid4().hex[:8]}"
    saved = {
        k: app.conf[k]
        for k in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(
        broker_url=settings.REDIS_URL, task_always_eager=False, task_default_queue=queue
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app._pool = None
    app.amqp._producer_pool = None
    yield queue
    with app.connection_for_write() as conn:
        client = conn.default_channel.client
        client.delete(queue)
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


def test_killing_a_worker_mid_digest_loses_no_one_and_sends_no_one_twice(
    publish_to, tmp_path
):
    # given 24 members in 3 networks and an SMTP server that takes 0.4 s a message
    networks = NetworkFactory.create_batch(3)
    members = [MembershipFactory(network=networks[i % 3]).user for i in range(24)]
    controller, smtp = start_smtp(rcpt_delay=0.4)
    env = _worker_env(publish_to, controller.port)
    log = tmp_path / "workers.log"
    first = _start_worker(env, "first", log)
    second = None
    try:
        # when the month's digest runs and the first worker dies mid-batch,
        # in the middle of an SMTP conversation
        call_command("send_monthly_digest", "--month", MONTH)
        _wait_until(lambda: len(smtp.recipients()) >= 6, 60, "six digests", log)
        assert smtp.in_rcpt.wait(5)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        delivered_before_kill = len(smtp.recipients())
        assert delivered_before_kill < len(members), "killed too late to prove anything"

        second = _start_worker(env, "second", log)
        _wait_until(
            lambda: (
                Delivery.objects.filter(
                    kind="digest", key__startswith=MONTH, status="sent"
                ).count()
                == len(members)
            ),
            120,
            "every digest to be marked sent",
            log,
        )
        # re-running the month sends nothing new
        call_command("send_monthly_digest", "--month", MONTH)
        time.sleep(4)  # longer than a stale claim: any duplicate would show now
    finally:
        _stop(first, signal.SIGKILL)
        if second is not None:
            _stop(second)
        controller.stop()

    # then every member got exactly one digest at the SMTP server
    counts = Counter(smtp.recipients(subject_contains="digest"))
    assert counts == {member.email: 1 for member in members}
    assert Delivery.objects.filter(kind="digest", attempts__gt=1).exists(), (
        "the killed worker's claim should have been taken over"
    )
