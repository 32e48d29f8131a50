"""``make chaos``: scripted fault drills, each with its result written down.

Drills (each on its own PostgreSQL cluster / Redis instance, so nothing else on the
machine is disturbed):

1. ``postgres``: PostgreSQL stops for a few seconds under API load — requests fail
   cleanly (JSON errors, no tracebacks, no hangs) and the app recovers by itself.
2. ``redis``: Redis is down while a ticket is filed — the ticket is saved (201) and
   its e-mail goes out exactly once after Redis is back (transactional outbox).
3. ``worker``: a Celery worker is SIGKILLed mid-batch of digests — nobody is lost or
   doubled (runs ``tests/onboarding/test_exactly_once.py``).
4. ``load``: 50 concurrent mixed users for a bounded time — zero errors, latency
   recorded, and no lost updates while many staff edit one ticket.

Results go to ``chaos/RESULTS.md`` and ``chaos/results.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    free_port,
    log,
)
from chaos.drills import drill_postgres, drill_redis, drill_worker  # noqa: E402
from chaos.load import drill_load  # noqa: E402
from chaos.stack import ensure_postgres_cluster, start_redis, stop_redis  # noqa: E402

DRILLS = {
    "postgres": drill_postgres,
    "redis": drill_redis,
    "worker": drill_worker,
    "load": drill_load,
}


def write_results(results: dict) -> None:
    (ROOT / "chaos" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        "# Fault drills (`make chaos`)",
        "",
        f"Last run: {results['date']} on {results['machine']}. Re-run with `make chaos`.",
        "",
        "| drill | result | figures |",
        "|---|---|---|",
    ]
    for name, outcome in results["drills"].items():
        figures = ", ".join(
            f"{k} = {v}" for k, v in outcome.items() if k not in ("passed", "latency")
        )
        lines.append(
            f"| {name} | {'PASS' if outcome.get('passed') else '**FAIL**'} | {figures} |"
        )
    load = results["drills"].get("load", {}).get("latency")
    if load:
        lines += [
            "",
            "Load drill latency (ms):",
            "",
            "| request | n | median | p95 |",
            "|---|---:|---:|---:|",
        ]
        for kind, fig in load.items():
            lines.append(
                f"| {kind} | {fig['requests']} | {fig['median_ms']} | {fig['p95_ms']} |"
            )
    (ROOT / "chaos" / "RESULTS.md").write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Scripted fault drills.")
    parser.add_argument(
        "drills", nargs="*", help=f"any of {', '.join(DRILLS)} (default: all)"
    )
    parser.add_argument("--pg-seconds", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=120)
    args = parser.parse_args()
    unknown = set(args.drills) - set(DRILLS)
    if unknown:
        parser.error(f"unknown drills: {', '.join(sorted(unknown))}")
    args.drills = args.drills or list(DRILLS)
    args.port = free_port()
    args.smtp_port = free_port()
    if not shutil.which("pg_ctlcluster"):
        print("make chaos needs Debian's PostgreSQL tools (pg_ctlcluster)")
        return 2
    ensure_postgres_cluster()
    start_redis()
    previous = ROOT / "chaos" / "results.json"
    kept = json.loads(previous.read_text())["drills"] if previous.exists() else {}
    results = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores",
        # drills not re-run keep their last result
        "drills": {n: kept[n] for n in DRILLS if n in kept and n not in args.drills},
    }
    for name in args.drills:
        log(f"Drill: {name}")
        try:
            results["drills"][name] = DRILLS[name](args)
        except Exception as exc:  # noqa: BLE001 - a crashed drill is a failed drill
            results["drills"][name] = {
                "passed": False,
                "error": f"{exc.__class__.__name__}: {exc}",
            }
        log(f"{name}: {results['drills'][name]}")
    stop_redis()
    write_results(results)
    failed = [n for n, r in results["drills"].items() if not r.get("passed")]
    log("All drills passed" if not failed else f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
