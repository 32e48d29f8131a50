"""Make sure the browser tests have Debian's Chromium (run by ``make test``).

Order: a Chromium already there (``HUB_CHROMIUM``, else ``chromium`` or
``chromium-browser`` on ``PATH``) → install it with ``apt-get`` when running as
root on a machine with apt → otherwise a loud warning, and the browser tests skip
(``tests/conftest.py`` reads the same lookup and counts them in the summary).

With ``HUB_REQUIRE_BROWSER=1`` or ``HUB_REQUIRE_SERVICES=1`` (CI) a missing browser
is an error: exit status 1, and the browser tests fail instead of skipping.

Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

NAMES = ("chromium", "chromium-browser")
REQUIRE_VARIABLES = ("HUB_REQUIRE_BROWSER", "HUB_REQUIRE_SERVICES")
TRUE = {"1", "true", "yes", "on"}


def find_chromium(env: dict | None = None) -> str | None:
    """The Chromium executable, or None. ``HUB_CHROMIUM`` (a path) wins over PATH;
    pointing it at a missing file simulates a machine without the browser."""
    env = os.environ if env is None else env
    explicit = env.get("HUB_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    path = env.get("PATH", os.defpath)
    for name in NAMES:
        found = shutil.which(name, path=path)
        if found:
            return found
    return None


def browser_required(env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    return any(env.get(name, "").strip().lower() in TRUE for name in REQUIRE_VARIABLES)


@dataclass(frozen=True)
class Plan:
    action: str  # "found", "install", "skip" or "error"
    reason: str


def plan(*, found: str | None, is_root: bool, has_apt: bool, required: bool) -> Plan:
    """What to do, from the facts alone (pure: table-tested)."""
    if found:
        return Plan("found", f"Chromium at {found}")
    if is_root and has_apt:
        return Plan("install", "Chromium missing: installing it with apt-get")
    why = "not running as root" if not is_root else "apt-get is not available"
    return Plan("error" if required else "skip", f"Chromium missing and {why}")


def apt_install(env: dict) -> tuple[bool, str]:
    """``apt-get update`` then ``apt-get install chromium``; (ok, last output)."""
    env = {**env, "DEBIAN_FRONTEND": "noninteractive"}
    apt = shutil.which("apt-get", path=env.get("PATH", os.defpath))
    subprocess.run(  # an offline update fails; the install then says why
        [apt, "update", "-qq"], env=env, capture_output=True, text=True, check=False
    )
    done = subprocess.run(
        [apt, "install", "-y", "-qq", "chromium"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0, (done.stderr or done.stdout).strip()[-400:]


def warn(message: str, out=sys.stderr) -> None:
    bar = "!" * 78
    print(f"{bar}\n!! WARNING: {message}\n{bar}", file=out)


def main(env: dict | None = None, *, euid: int | None = None, out=None) -> int:
    env = dict(os.environ if env is None else env)
    out = sys.stderr if out is None else out
    euid = os.geteuid() if euid is None else euid
    required = browser_required(env)
    has_apt = shutil.which("apt-get", path=env.get("PATH", os.defpath)) is not None
    step = plan(
        found=find_chromium(env), is_root=euid == 0, has_apt=has_apt, required=required
    )
    if step.action == "found":
        print(f"browser: {step.reason}", file=out)
        return 0
    if step.action == "install":
        print(f"browser: {step.reason}", file=out)
        ok, output = apt_install(env)
        found = find_chromium(env)
        if ok and found:
            print(f"browser: installed Chromium at {found}", file=out)
            return 0
        step = Plan(
            "error" if required else "skip",
            f"Chromium missing and apt-get could not install it (offline?): {output}",
        )
    if step.action == "error":
        warn(
            f"{step.reason}. HUB_REQUIRE_BROWSER/HUB_REQUIRE_SERVICES make this an "
            "error: install it with `apt-get install chromium`.",
            out,
        )
        return 1
    warn(
        f"{step.reason}. The browser tests (tests/e2e) will be SKIPPED; everything "
        "else runs. Install it with `apt-get install chromium`.",
        out,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
