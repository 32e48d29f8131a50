"""The fault drills of ``make chaos`` (see ``chaos/run.py``)."""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    PYTHON,
    Client,
    bench_env,
    log,
    manage,
    recreate_database,
    start_gunicorn,
)

PG_VERSION = (
    next(iter(sorted(os.listdir("/etc/postgresql"))), "15")
    if Path("/etc/postgresql").exists()
    else "15"
)
PG_CLUSTER, PG_PORT = "chaos", 5440
REDIS_PORT = 6390


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=check, capture_output=True, text=True)


def ensure_postgres_cluster() -> None:
    clusters = sh("pg_lsclusters", "--no-header").stdout
    if f" {PG_CLUSTER} " not in clusters:
        log(f"Creating PostgreSQL cluster {PG_VERSION}/{PG_CLUSTER} on port {PG_PORT}")
        sh(
            "pg_createcluster",
            PG_VERSION,
            PG_CLUSTER,
            "-p",
            str(PG_PORT),
            "--",
            "-A",
            "trust",
        )
    pg_ctl("start", check=False)


def pg_ctl(action: str, check: bool = True) -> None:
    sh(
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        PG_VERSION,
        PG_CLUSTER,
        action,
        check=check,
    )


def start_redis() -> None:
    sh(
        "redis-server",
        "--daemonize",
        "yes",
        "--bind",
        "127.0.0.1",
        "--port",
        str(REDIS_PORT),
        "--save",
        "",
        "--appendonly",
        "no",
    )
    for _ in range(50):
        if (
            sh("redis-cli", "-p", str(REDIS_PORT), "ping", check=False).stdout.strip()
            == "PONG"
        ):
            return
        time.sleep(0.1)
    raise RuntimeError("drill Redis did not start")


def stop_redis() -> None:
    sh("redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave", check=False)


def prepared_env(args, name: str) -> dict:
    ns = argparse.Namespace(db=f"hub_chaos_{name}", smtp_port=args.smtp_port)
    env = bench_env(ns)
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{PG_PORT}/hub_chaos_{name}"
    env["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
    # shared by the gunicorn workers (production refuses a per-process cache) and
    # independent of the Redis that the drills stop
    env["CACHE_URL"] = f"filecache://{tempfile.gettempdir()}/hub-chaos-cache-{name}"
    env["CONN_MAX_AGE"] = "0"
    recreate_database(f"hub_chaos_{name}", port=PG_PORT)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", capture=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def server(args, env) -> subprocess.Popen:
    return start_gunicorn(argparse.Namespace(port=args.port, gunicorn_workers=3), env)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def new_ticket_body(n: int) -> bytes:
    return json.dumps(
        {
            "subject": f"Chaos drill ticket {n}: gifts missing after LIVE",
            "description": "Our creator's gifts from last night's LIVE are not credited.",
            "kind": "problem",
            "priority": "normal",
        }
    ).encode()


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


# --- drill 4: 50 concurrent mixed users -------------------------------------------------


def drill_load(args) -> dict:
    start_redis()  # the redis drill leaves it stopped
    env = prepared_env(args, "load")
    gunicorn = server(args, env)
    try:
        staff_token = Client(args.port).token("manager@hub.example")
        member_token = Client(args.port).token("owner@northstar.example")
        shared = Client(args.port)
        shared.headers.update(
            {
                "Authorization": f"Token {staff_token}",
                "Content-Type": "application/json",
            }
        )
        status, _, body, _ = shared.request(
            "POST",
            "/api/v1/tickets/",
            new_ticket_body(0),
            {"Authorization": f"Token {member_token}"},
        )
        hot = json.loads(body)["reference"]
        initial_version = json.loads(
            shared.request("GET", f"/api/v1/tickets/{hot}/")[2]
        )["version"]
        timings: dict[str, list[float]] = {}
        errors: list[str] = []
        edits = {"ok": 0, "conflict": 0}
        lock = threading.Lock()
        stop_at = time.monotonic() + args.load_seconds

        def record(kind, status, ms, expected=(200, 201)):
            with lock:
                timings.setdefault(kind, []).append(ms)
                if status not in expected:
                    errors.append(f"{kind}: HTTP {status}")

        def network_user(n):
            client = Client(args.port)
            client.headers.update(
                {
                    "Authorization": f"Token {member_token}",
                    "Content-Type": "application/json",
                }
            )
            i = 0
            while time.monotonic() < stop_at:
                i += 1
                status, _, _, ms = client.request("GET", "/api/v1/tickets/")
                record("network: list", status, ms)
                if i % 4 == 0:
                    status, _, _, ms = client.request(
                        "POST", "/api/v1/tickets/", new_ticket_body(n * 1000 + i)
                    )
                    record("network: file ticket", status, ms)
                status, _, _, ms = client.request(
                    "GET", "/api/v1/faq/articles/?search=payout"
                )
                record("network: FAQ search", status, ms)
                time.sleep(random.uniform(0.5, 2.0))  # think time

        def staff_user(n):
            client = Client(args.port)
            client.headers.update(
                {
                    "Authorization": f"Token {staff_token}",
                    "Content-Type": "application/json",
                }
            )
            while time.monotonic() < stop_at:
                status, _, body, ms = client.request("GET", f"/api/v1/tickets/{hot}/")
                record("staff: ticket", status, ms)
                current = json.loads(body)
                version = current["version"]
                # always a real change, so every accepted edit must bump the version
                priority = random.choice(
                    [
                        p
                        for p in ("low", "normal", "high", "urgent")
                        if p != current["priority"]
                    ]
                )
                status, _, _, ms = client.request(
                    "PATCH",
                    f"/api/v1/tickets/{hot}/",
                    json.dumps({"priority": priority, "version": version}).encode(),
                )
                record("staff: edit hot ticket", status, ms, expected=(200, 409))
                with lock:
                    edits["ok" if status == 200 else "conflict"] += status in (200, 409)
                status, _, _, ms = client.request("GET", "/api/v1/tickets/?status=new")
                record("staff: queue", status, ms)
                time.sleep(random.uniform(0.5, 2.0))  # think time

        threads = [threading.Thread(target=network_user, args=(n,)) for n in range(35)]
        threads += [threading.Thread(target=staff_user, args=(n,)) for n in range(15)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        status, _, body, _ = shared.request("GET", f"/api/v1/tickets/{hot}/")
        final_version = json.loads(body)["version"]
        figures = {
            kind: {
                "requests": len(values),
                "median_ms": round(statistics.median(values), 1),
                "p95_ms": round(sorted(values)[int(len(values) * 0.95) - 1], 1),
            }
            for kind, values in sorted(timings.items())
        }
        no_lost_updates = final_version == initial_version + edits["ok"]
        return {
            "users": 50,
            "seconds": args.load_seconds,
            "requests": sum(len(v) for v in timings.values()),
            "errors": len(errors),
            "error_samples": errors[:5],
            "hot_ticket_edits": edits,
            "hot_ticket_final_version": final_version,
            "no_lost_updates": no_lost_updates,
            "latency": figures,
            "passed": not errors and no_lost_updates,
        }
    finally:
        stop(gunicorn)
