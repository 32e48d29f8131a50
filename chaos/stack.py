"""What the drills of ``make chaos`` run against: a throwaway PostgreSQL cluster,
a Redis of their own, the app under gunicorn, and a ticket to file."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.harness import (
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
