"""The load drill of ``make chaos``: 50 concurrent mixed users, and a hot ticket
edited by many at once without a lost update."""

from __future__ import annotations

import json
import random
import statistics
import threading
import time

from benchmarks.harness import (
    Client,
)
from chaos.stack import (
    new_ticket_body,
    prepared_env,
    server,
    start_redis,
    stop,
)

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
