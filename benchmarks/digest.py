"""The digest part of ``make bench``: a monthly digest for every subscribed member
through two Celery workers to a local SMTP server, timed until the broker is idle."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import time

from benchmarks.harness import (
    PYTHON,
    ROOT,
    log,
    manage,
)


def forget_digest(name: str, month: str) -> None:
    """Drop the month's digest deliveries, so a re-run sends to everyone again."""
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=name)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(
            "DELETE FROM onboarding_delivery WHERE kind = 'digest' AND key LIKE %s",
            [f"{month}/%"],
        )
    conn.close()


def unsent_digests(name: str, month: str) -> int:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=name)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT count(*) FROM onboarding_delivery WHERE kind = 'digest' "
            "AND key LIKE %s AND status IN ('pending', 'claimed')",
            [f"{month}/%"],
        )
        count = cur.fetchone()[0]
    conn.close()
    return count


def broker_idle(url: str) -> bool:
    """No task waiting in any queue of the broker and none being worked on."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(count=500):
        kind = client.type(key)
        if kind == b"list" and client.llen(key):
            return False  # a queue with tasks waiting
        if key == b"unacked" and client.hlen(key):
            return False  # tasks a worker has taken and not finished
    return True


def digest(args, env) -> dict:
    """A monthly digest run for every subscribed member through two workers to SMTP."""
    from benchmarks.smtp_sink import SmtpSink

    sink = SmtpSink(port=args.smtp_port)
    sink.start()
    workers = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "hub",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=2",
                "-n",
                f"bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
        )
        for n in range(2)
    ]
    try:
        time.sleep(4)  # workers connect to Redis
        # let the workers drain what the throughput test queued (ticket e-mails), so
        # the digest is measured on its own
        drain_until = time.monotonic() + 120
        while time.monotonic() < drain_until and not (
            broker_idle(env["CELERY_BROKER_URL"]) and sink.idle_seconds >= 3
        ):
            time.sleep(0.5)
        if sink.messages:
            log(f"Workers drained {sink.messages} queued e-mails first")
        month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime(
            "%Y-%m"
        )
        forget_digest(args.db, month)  # --reuse: measure a full run again
        # who gets one (the command's --dry-run builds every digest: 30 s of setup)
        expected = int(
            manage(
                env,
                "shell",
                "-c",
                "from onboarding.selectors import digest_recipients as r; "
                "print(r().count())",
                capture=True,
            ).split()[-1]
        )
        log(f"Digest for {month}: {expected} recipients; sending through 2 workers")
        started = time.monotonic()
        manage(env, "send_monthly_digest", f"--month={month}")
        deadline = started + args.digest_timeout
        while (
            sink.count < expected or unsent_digests(args.db, month)
        ) and time.monotonic() < deadline:
            time.sleep(0.2)
        seconds = time.monotonic() - started
        result = {
            "recipients": expected,
            "delivered": sink.count,
            "duplicates": sink.duplicates,
            "seconds": round(seconds, 1),
            "messages_per_second": round(sink.count / seconds, 1) if seconds else 0,
        }
        log(f"Digest: {result}")
        return result
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        sink.stop()
