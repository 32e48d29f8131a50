"""The fault drills of ``make chaos`` (see ``chaos/run.py``): PostgreSQL stopped,
Redis down, a worker killed (the 50-user load is ``chaos/load.py``; what they run
against, ``chaos/stack.py``)."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

from benchmarks.harness import (
    PYTHON,
    Client,
    log,
    manage,
)
from chaos.stack import (
    new_ticket_body,
    pg_ctl,
    prepared_env,
    server,
    start_redis,
    stop,
    stop_redis,
)

ROOT = Path(__file__).resolve().parent.parent


# --- drill 1: PostgreSQL stops under load ----------------------------------------


def drill_postgres(args) -> dict:
    start_redis()
    env = prepared_env(args, "pg")
    gunicorn = server(args, env)
    token = Client(args.port).token("owner@northstar.example")
    samples: list[tuple[float, int, float, bool]] = []  # (t, status, ms, clean body)
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + args.pg_seconds

    def user(n: int) -> None:
        client = Client(args.port)
        client.headers.update(
            {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        )
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            try:
                if i % 3:
                    status, _, body, ms = client.request(
                        "GET", "/api/v1/tickets/?page_size=10"
                    )
                else:
                    status, _, body, ms = client.request(
                        "POST", "/api/v1/tickets/", new_ticket_body(i)
                    )
                clean = b"Traceback" not in body and (
                    status < 500 or body.startswith(b"{")
                )
            except OSError:
                status, ms, clean = 0, 0.0, False
            with lock:
                samples.append((time.monotonic() - started, status, ms, clean))
            time.sleep(0.02)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(args.pg_seconds * 0.3)
    outage_start = time.monotonic() - started
    log("PostgreSQL: stopping the cluster")
    pg_ctl("stop")
    health_during = Client(args.port).request("GET", "/healthz")[0]
    time.sleep(3)
    pg_ctl("start")
    outage_end = time.monotonic() - started
    log("PostgreSQL: started again")
    for thread in threads:
        thread.join()
    health_after = Client(args.port).request("GET", "/healthz")[0]
    stop(gunicorn)

    def window(lo, hi):
        return [s for s in samples if lo <= s[0] < hi]

    before = window(0, outage_start)
    during = window(outage_start, outage_end + 1)
    after = window(outage_end + 2, 1e9)
    failed_during = [s for s in during if s[1] not in (200, 201)]
    return {
        "requests": len(samples),
        "before_ok": sum(s[1] in (200, 201) for s in before),
        "before_failed": sum(s[1] not in (200, 201) for s in before),
        "during_failed": len(failed_during),
        "during_statuses": sorted({s[1] for s in failed_during}),
        "failures_clean": all(s[3] for s in failed_during),
        "after_ok": sum(s[1] in (200, 201) for s in after),
        "after_failed": sum(s[1] not in (200, 201) for s in after),
        "max_ms": round(max(s[2] for s in samples), 1),
        "healthz_during": health_during,
        "healthz_after": health_after,
        "passed": bool(
            after
            and all(s[1] in (200, 201) for s in after)
            and all(s[3] for s in samples)
            and health_during == 503
            and health_after == 200
            and max(s[2] for s in samples) < 10_000
        ),
    }


# --- drill 2: Redis down while a ticket is filed ------------------------------------


def drill_redis(args) -> dict:
    from benchmarks.smtp_sink import SmtpSink

    start_redis()
    env = prepared_env(args, "redis")
    sink = SmtpSink(port=args.smtp_port)
    sink.start()
    gunicorn = server(args, env)
    worker = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "hub",
            "worker",
            "--loglevel=WARNING",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        client = Client(args.port)
        client.headers.update(
            {
                "Authorization": f"Token {client.token('owner@northstar.example')}",
                "Content-Type": "application/json",
            }
        )
        time.sleep(10)  # let the worker finish starting before the outage
        log("Redis: shutting down")
        stop_redis()
        t0 = time.monotonic()
        status, _, body, ms = client.request(
            "POST", "/api/v1/tickets/", new_ticket_body(1)
        )
        reference = json.loads(body).get("reference") if status == 201 else None
        time.sleep(2)
        delivered_while_down = (
            sink.messages
        )  # every message (sink.count is digests only)
        log(
            f"Ticket filed while Redis is down: HTTP {status} in {ms:.0f} ms ({reference})"
        )
        start_redis()
        log("Redis: back; flushing the outbox as beat would")
        flushed = manage(env, "flush_outbox", capture=True).strip()
        deadline = time.monotonic() + 90  # the worker reconnects with growing back-off
        while sink.messages < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(2)
        again = manage(env, "flush_outbox", capture=True).strip()
        time.sleep(1)
        return {
            "ticket_status": status,
            "ticket_ms": round(ms, 1),
            "reference": reference,
            "emails_while_down": delivered_while_down,
            "flush": flushed,
            "second_flush": again,
            "emails_after": sink.messages,
            "duplicates": max(0, sink.messages - 1),
            "seconds_to_delivery": round(time.monotonic() - t0, 1),
            "passed": status == 201
            and delivered_while_down == 0
            and sink.messages == 1,
        }
    finally:
        stop(worker)
        stop(gunicorn)
        sink.stop()
        stop_redis()


# --- drill 3: a worker killed mid-batch ------------------------------------------------


def drill_worker(args) -> dict:
    test = ROOT / "tests" / "onboarding" / "test_exactly_once.py"
    if not test.exists():
        return {
            "passed": False,
            "note": "tests/onboarding/test_exactly_once.py is missing",
        }
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "HUB_REQUIRE_SERVICES": "1"},
    )
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    return {
        "passed": result.returncode == 0,
        "pytest": summary,
        "seconds": round(time.monotonic() - started, 1),
    }
