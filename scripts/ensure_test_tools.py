"""Make sure the tests have the Debian programs they drive (run by ``make test``):
Chromium for the browser tests and Dovecot for the inbound IMAP tests.

Order, for each: already there (``HUB_CHROMIUM`` / ``HUB_DOVECOT``, else on ``PATH``
or its usual place) → install it with ``apt-get`` when running as root on a machine
with apt → otherwise a loud warning, and only the tests needing it skip
(``tests/conftest.py`` reads the same lookup and counts them in the summary).

With ``HUB_REQUIRE_SERVICES=1`` (CI) a missing program is an error: exit status 1,
and its tests fail instead of skipping (``HUB_REQUIRE_BROWSER=1``: the browser only).

Standard library only: it runs before anything else is known to work.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass

TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Tool:
    label: str
    variable: str  # an explicit path; pointing it at a missing file simulates absence
    names: tuple[str, ...]  # looked up on PATH
    places: tuple[str, ...]  # usual places outside PATH (sbin)
    package: str  # Debian's package
    require_variables: tuple[str, ...]
    skips: str  # which tests skip without it


CHROMIUM = Tool(
    "Chromium",
    "HUB_CHROMIUM",
    ("chromium", "chromium-browser"),
    (),
    "chromium",
    ("HUB_REQUIRE_BROWSER", "HUB_REQUIRE_SERVICES"),
    "the browser tests (tests/e2e and the Playwright tests)",
)
DOVECOT = Tool(
    "Dovecot",
    "HUB_DOVECOT",
    ("dovecot",),
    ("/usr/sbin/dovecot",),
    "dovecot-imapd",
    ("HUB_REQUIRE_SERVICES",),
    "the inbound IMAP tests (tests/inbound)",
)
TOOLS = (CHROMIUM, DOVECOT)


def find(tool: Tool, env: dict | None = None) -> str | None:
    """The tool's executable, or None. Its variable (a path) wins over PATH."""
    env = os.environ if env is None else env
    explicit = env.get(tool.variable)
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    path = env.get("PATH", os.defpath)
    for name in tool.names:
        found = shutil.which(name, path=path)
        if found:
            return found
    return next((place for place in tool.places if os.access(place, os.X_OK)), None)


def find_chromium(env: dict | None = None) -> str | None:
    return find(CHROMIUM, env)


def find_dovecot(env: dict | None = None) -> str | None:
    return find(DOVECOT, env)


def required(tool: Tool, env: dict | None = None) -> bool:
    env = os.environ if env is None else env
    return any(
        env.get(name, "").strip().lower() in TRUE for name in tool.require_variables
    )


def browser_required(env: dict | None = None) -> bool:
    return required(CHROMIUM, env)


def dovecot_required(env: dict | None = None) -> bool:
    return required(DOVECOT, env)


@dataclass(frozen=True)
class Plan:
    action: str  # "found", "install", "skip" or "error"
    reason: str


def plan(
    *,
    found: str | None,
    is_root: bool,
    has_apt: bool,
    required: bool,
    label: str = "Chromium",
) -> Plan:
    """What to do, from the facts alone (pure: table-tested)."""
    if found:
        return Plan("found", f"{label} at {found}")
    if is_root and has_apt:
        return Plan("install", f"{label} missing: installing it with apt-get")
    why = "not running as root" if not is_root else "apt-get is not available"
    return Plan("error" if required else "skip", f"{label} missing and {why}")


def apt_install(package: str, env: dict) -> tuple[bool, str]:
    """``apt-get update`` then ``apt-get install <package>``; (ok, last output)."""
    env = {**env, "DEBIAN_FRONTEND": "noninteractive"}
    apt = shutil.which("apt-get", path=env.get("PATH", os.defpath))
    subprocess.run(  # an offline update fails; the install then says why
        [apt, "update", "-qq"], env=env, capture_output=True, text=True, check=False
    )
    done = subprocess.run(
        [apt, "install", "-y", "-qq", package],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0, (done.stderr or done.stdout).strip()[-400:]


def warn(message: str, out=sys.stderr) -> None:
    bar = "!" * 78
    print(f"{bar}\n!! WARNING: {message}\n{bar}", file=out)


def ensure(tool: Tool, env: dict, *, euid: int, out) -> int:
    """Find or install one tool; 0 when the tests can run (with or without it)."""
    must = required(tool, env)
    has_apt = shutil.which("apt-get", path=env.get("PATH", os.defpath)) is not None
    step = plan(
        found=find(tool, env),
        is_root=euid == 0,
        has_apt=has_apt,
        required=must,
        label=tool.label,
    )
    name = tool.label.lower()
    if step.action == "found":
        print(f"{name}: {step.reason}", file=out)
        return 0
    if step.action == "install":
        print(f"{name}: {step.reason}", file=out)
        ok, output = apt_install(tool.package, env)
        found = find(tool, env)
        if ok and found:
            print(f"{name}: installed {tool.label} at {found}", file=out)
            return 0
        step = Plan(
            "error" if must else "skip",
            f"{tool.label} missing and apt-get could not install it (offline?): "
            f"{output}",
        )
    install = f"install it with `apt-get install {tool.package}`"
    if step.action == "error":
        warn(
            f"{step.reason}. {' / '.join(tool.require_variables)} make this an error: "
            f"{install}.",
            out,
        )
        return 1
    warn(
        f"{step.reason}. {tool.skips} will be SKIPPED; everything else runs. "
        f"{install.capitalize()}.",
        out,
    )
    return 0


def main(env: dict | None = None, *, euid: int | None = None, out=None) -> int:
    env = dict(os.environ if env is None else env)
    out = sys.stderr if out is None else out
    euid = os.geteuid() if euid is None else euid
    return max(ensure(tool, env, euid=euid, out=out) for tool in TOOLS)


if __name__ == "__main__":
    sys.exit(main())
