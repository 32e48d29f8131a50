"""The benchmark's moving parts, shared with ``chaos/run.py``: the environment
of a production-like run, an HTTP client with cookies, gunicorn, the database."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
PYTHON = sys.executable
PASSWORD = "hub-demo-2026"  # noqa: S105 - the published demo password


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- environment --------------------------------------------------------------


def bench_env(args) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HUB_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="bench-" + "x" * 60,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.db}",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/14",
        CACHE_URL="rediscache://127.0.0.1:6379/13",
        EMAIL_URL=f"smtp://127.0.0.1:{args.smtp_port}",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        HUB_QUERY_COUNT_HEADER="true",
        HUB_LOGIN_MAX_FAILURES_PER_ADDRESS="100000",
        HUB_TICKETS_PER_NETWORK_PER_HOUR="1000000",
        # the demo staff have no authenticator app; the benchmark measures pages
        HUB_STAFF_2FA="optional",
        MEDIA_ROOT=str(HERE / ".work" / "media"),
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env, *command, capture=False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def recreate_database(name: str, port: int = 5432) -> None:
    import psycopg2

    conn = psycopg2.connect(
        host="127.0.0.1", port=port, user="postgres", dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


# --- HTTP -----------------------------------------------------------------------


class Client:
    """A tiny HTTP client with a cookie jar (gunicorn sync workers close connections)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = {**self.headers, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(
                f"{k}={v}" for k, v in self.cookies.items()
            )
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, dict(response.getheaders()), data, elapsed

    def login(self, email: str) -> None:
        status, _, page, _ = self.request("GET", "/accounts/login/")
        token = (
            re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            .group(1)
            .decode()
        )
        body = urllib.parse.urlencode(
            {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        status, _, _, _ = self.request(
            "POST",
            "/accounts/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302:
            raise RuntimeError(f"login as {email} failed with HTTP {status}")

    def token(self, email: str) -> str:
        body = json.dumps({"username": email, "password": PASSWORD}).encode()
        status, _, data, _ = self.request(
            "POST", "/api/v1/auth/token/", body, {"Content-Type": "application/json"}
        )
        if status != 200:
            raise RuntimeError(
                f"token for {email} failed with HTTP {status}: {data[:200]}"
            )
        return json.loads(data)["token"]


def measure(client: Client, path: str, requests: int, warmup: int) -> dict:
    for _ in range(warmup):
        client.request("GET", path)
    timings, queries, statuses = [], set(), set()
    for _ in range(requests):
        status, headers, _, elapsed = client.request("GET", path)
        timings.append(elapsed)
        statuses.add(status)
        queries.add(int(headers.get("X-Query-Count", "-1")))
    timings.sort()
    return {
        "path": path,
        "status": sorted(statuses),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 2),
        "queries": max(queries),
    }


# --- the run --------------------------------------------------------------------


def vacuum_analyze(name: str) -> None:
    import psycopg2

    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=name)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()


def start_gunicorn(args, env) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "hub.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.gunicorn_workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status = Client(args.port).request("GET", "/healthz")[0]
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError("gunicorn did not become healthy within 60 s")
