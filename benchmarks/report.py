"""The report of ``make bench``: the machine, the table, the figures in
``benchmarks/README.md``."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import re
from pathlib import Path

from benchmarks.harness import (
    HERE,
)


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "cpu": cpu or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render_table(results: dict) -> str:
    lines = [
        "| page / endpoint | median ms | p95 ms | × healthz | SQL queries | target met |",
        "|---|---:|---:|---:|---:|:-:|",
    ]
    for row in results["latency"]:
        lines.append(
            f"| {row['name']} (`{row['path']}`) | {row['median_ms']} | {row['p95_ms']} | "
            f"{row['ratio_to_healthz']} | {row['queries']} | "
            f"{'yes' if row['meets_target'] else '**no**'} |"
        )
    lines.append("")
    for key in ("seeding", "throughput", "digest", "recurring"):
        if results.get(key):
            lines.append(
                f"- **{key}**: "
                + ", ".join(f"{k} = {v}" for k, v in results[key].items())
            )
    return "\n".join(lines)


def update_readme(results: dict) -> None:
    readme = HERE / "README.md"
    text = readme.read_text()
    block = (
        "<!-- results:start -->\n"
        f"Measured {results['machine']['date']} on {results['machine']['cpu']} "
        f"({results['machine']['cores']} cores), Python {results['machine']['python']}, "
        f"with {results['volume']}.\n\n{render_table(results)}\n<!-- results:end -->"
    )
    text = re.sub(
        r"<!-- results:start -->.*<!-- results:end -->", block, text, flags=re.S
    )
    readme.write_text(text)
