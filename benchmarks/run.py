"""``make bench``: the hub's own benchmark, run by hand (never by ``make test``).

Boots the app with gunicorn on PostgreSQL and Redis, seeds realistic volume through
``seed_demo``, then measures, after warm-up, median and p95 latency and the SQL query
count of the pages and endpoints people use most — each also as a ratio to
``/healthz`` measured in the same run, so results compare across noisy machines —
plus API ticket-creation throughput and a monthly digest run through two Celery
workers to a local SMTP server. Prints a table, writes ``benchmarks/results.json`` and
refreshes the figures in ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks.digest import digest  # noqa: E402
from benchmarks.harness import (  # noqa: E402
    HERE,
    ROOT,
    Client,
    bench_env,
    free_port,
    log,
    manage,
    measure,
    recreate_database,
    start_gunicorn,
    vacuum_analyze,
)
from benchmarks.report import machine, render_table, update_readme  # noqa: E402

# Targets are ratios to /healthz of the same run (one database round trip and a
# broker ping), so that they carry across machines and loads: on the 2-core
# machine the hub was built on, healthz's median is about 3 ms, and 16x is the
# 50 ms median (32x the 100 ms p95) the pages were first held to.
TARGET_MEDIAN_RATIO, TARGET_P95_RATIO, TARGET_QUERIES = 16.0, 32.0, 12


def seed(args, env) -> dict:
    figures = {}
    if not args.reuse:
        log(f"Recreating database {args.db}")
        recreate_database(args.db)
        manage(env, "migrate", "--noinput", "-v0")
        started = time.monotonic()
        log(
            f"Seeding {args.tickets} tickets, {args.articles} articles, {args.networks} "
            f"networks, {args.members} members"
        )
        output = manage(
            env,
            "seed_demo",
            f"--tickets={args.tickets}",
            f"--articles={args.articles}",
            f"--networks={args.networks}",
            f"--members={args.members}",
            capture=True,
        )
        figures["seed_seconds"] = round(time.monotonic() - started, 1)
        print(output, flush=True)
        match = re.search(r"Added \d+ benchmark tickets in ([\d.]+)s", output)
        if match:  # inserting the tickets and their messages
            figures["seed_tickets_seconds"] = float(match.group(1))
        match = re.search(r"\(tickets\.demo\.seed: ([\d.]+)s\)", output)
        if match:  # ... plus SLA due times, ratings and the demo set
            figures["seed_tickets_with_sla_seconds"] = float(match.group(1))
        # what autovacuum does soon after a bulk load anyway: planner statistics
        # (row estimates) and the visibility map (index-only scans)
        started = time.monotonic()
        vacuum_analyze(args.db)
        figures["vacuum_analyze_seconds"] = round(time.monotonic() - started, 1)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "setup_periodic_tasks")
    return figures


def pick_reference(client: Client) -> str | None:
    status, _, data, _ = client.request("GET", "/api/v1/tickets/?page_size=1")
    if status != 200:
        return None
    results = json.loads(data).get("results") or []
    return results[0]["reference"] if results else None


def pick_campaign(client: Client) -> int | None:
    status, _, data, _ = client.request("GET", "/api/v1/campaigns/?status=live")
    if status != 200:
        return None
    results = json.loads(data).get("results") or []
    return results[0]["id"] if results else None


def latency(args) -> list[dict]:
    manager, network = Client(args.port), Client(args.port)
    manager.login("manager@hub.example")
    network.login("owner@northstar.example")
    api = Client(args.port)
    api.headers["Authorization"] = f"Token {api.token('manager@hub.example')}"
    network_api = Client(args.port)
    network_api.headers["Authorization"] = (
        f"Token {network_api.token('owner@northstar.example')}"
    )
    reference = pick_reference(api) or "HUB-000001"
    campaign = pick_campaign(api) or 1
    deep_page = max(1, args.tickets // 25 * 3 // 4)
    targets = [
        ("healthz", Client(args.port), "/healthz"),
        ("staff queue", manager, "/tickets/"),
        (
            "queue: filters + text search",
            manager,
            "/tickets/?status=open&priority=high&q=payout",
        ),
        ("queue: deep page", manager, f"/tickets/?page={deep_page}"),
        ("ticket page", manager, f"/tickets/{reference}/"),
        ("network's ticket list", network, "/tickets/"),
        ("API ticket list", api, "/api/v1/tickets/"),
        ("API ticket list: network", network_api, "/api/v1/tickets/"),
        ("API text search", api, "/api/v1/tickets/?status=open&search=payout"),
        (
            "API campaign enrolments",
            api,
            f"/api/v1/campaigns/{campaign}/enrolments/",
        ),
        ("API campaign detail", api, f"/api/v1/campaigns/{campaign}/"),
        ("API ticket detail", api, f"/api/v1/tickets/{reference}/"),
        ("API FAQ search", api, "/api/v1/faq/articles/?search=diamond+payout"),
        ("FAQ hub search", network, "/faq/?q=diamond+payout"),
        ("portal home: manager", manager, "/"),
        ("portal home: network", network, "/"),
        ("weekly update", manager, "/hub/weekly/"),
    ]
    rows = []
    for name, client, path in targets:
        row = {"name": name, **measure(client, path, args.requests, args.warmup)}
        rows.append(row)
        log(
            f"{name:<30} {row['median_ms']:>7.1f} ms  p95 {row['p95_ms']:>7.1f}  q={row['queries']}  {row['status']}"
        )
    base = rows[0]["median_ms"] or 1
    for row in rows:
        row["ratio_to_healthz"] = round(row["median_ms"] / base, 1)
        row["p95_ratio_to_healthz"] = round(row["p95_ms"] / base, 1)
        row["meets_target"] = (
            row["status"] == [200]
            and row["median_ms"] <= TARGET_MEDIAN_RATIO * base
            and row["p95_ms"] <= TARGET_P95_RATIO * base
            and 0 <= row["queries"] <= TARGET_QUERIES
        )
    return rows


def throughput(args) -> dict:
    """Tickets created over the API by 8 concurrent clients for a fixed time."""
    owner = Client(args.port)
    token = owner.token("owner@northstar.example")
    created, errors, lock = [0], [0], threading.Lock()
    stop_at = time.monotonic() + args.throughput_seconds

    def worker(n: int) -> None:
        client = Client(args.port)
        client.headers.update(
            {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        )
        i = 0
        while time.monotonic() < stop_at:
            i += 1
            body = json.dumps(
                {
                    "subject": f"Bench ticket {n}-{i}: LIVE gifts not credited",
                    "description": "Our creator's diamonds from yesterday's LIVE are missing.",
                    "kind": "problem",
                    "priority": "normal",
                }
            ).encode()
            try:
                status = client.request("POST", "/api/v1/tickets/", body)[0]
            except OSError:
                status = 0
            with lock:
                if status == 201:
                    created[0] += 1
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    result = {
        "clients": 8,
        "seconds": round(seconds, 1),
        "tickets": created[0],
        "errors": errors[0],
        "tickets_per_second": round(created[0] / seconds, 1),
    }
    log(f"API ticket creation: {result}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--networks", type=int, default=500)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument(
        "--requests", type=int, default=60, help="measured requests per target"
    )
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--db", default="hub_bench")
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--smtp-port", type=int, default=0)
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--throughput-seconds", type=int, default=20)
    parser.add_argument("--digest-timeout", type=int, default=300)
    parser.add_argument("--skip-digest", action="store_true")
    args = parser.parse_args()
    args.port = args.port or free_port()
    args.smtp_port = args.smtp_port or free_port()
    sys.path.insert(0, str(ROOT))

    env = bench_env(args)
    started = time.monotonic()
    results: dict = {
        "machine": machine(),
        "volume": (
            f"{args.tickets:,} tickets, {args.articles:,} articles, {args.networks:,} "
            f"networks, {args.members:,} members"
        ),
        "targets": {
            "median_x_healthz": TARGET_MEDIAN_RATIO,
            "p95_x_healthz_median": TARGET_P95_RATIO,
            "max_queries": TARGET_QUERIES,
        },
    }
    results["seeding"] = seed(args, env)
    previous = HERE / "results.json"
    if args.reuse and previous.exists():
        # the database was seeded by an earlier run: report that run's seeding figures
        earlier = json.loads(previous.read_text()).get("seeding") or {}
        results["seeding"] = {**earlier, "reused_database": True}
    server = start_gunicorn(args, env)
    try:
        results["latency"] = latency(args)
        results["throughput"] = throughput(args)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if not args.skip_digest:
        results["digest"] = digest(args, env)
    recurring = HERE / ".work" / "recurring.json"
    if recurring.exists():
        results["recurring"] = json.loads(recurring.read_text())
    results["total_seconds"] = round(time.monotonic() - started, 1)

    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(render_table(results))
    update_readme(results)
    log(
        f"Done in {results['total_seconds']} s; wrote benchmarks/results.json and README.md"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
