"""``scripts/ensure_test_tools.py`` (run by ``make test``) and the browser-test skip.

Absence is simulated with ``HUB_CHROMIUM`` pointing at a missing file and a PATH
of our own; the real Chromium on this machine is never touched. ``apt-get`` is a
small script on that PATH that fails (offline) or "installs" a Chromium there.
"""

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import ensure_test_tools as ensure_browser
from scripts.ensure_test_tools import Plan, browser_required, find_chromium, main, plan
from tests import conftest

ROOT = Path(__file__).resolve().parents[2]


def _executable(path: Path, body: str = "exit 0") -> Path:
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def bare_path(tmp_path):
    """A PATH with nothing on it but what a test puts there."""
    directory = tmp_path / "bin"
    directory.mkdir()
    return directory


@pytest.mark.parametrize(
    ("found", "is_root", "has_apt", "required", "action"),
    [
        ("/usr/bin/chromium", False, False, True, "found"),
        (None, True, True, False, "install"),
        (None, True, True, True, "install"),
        (None, False, True, False, "skip"),
        (None, True, False, False, "skip"),
        (None, False, True, True, "error"),
        (None, True, False, True, "error"),
    ],
)
def test_plan_decides_from_the_facts(found, is_root, has_apt, required, action):
    step = plan(found=found, is_root=is_root, has_apt=has_apt, required=required)
    assert step.action == action


def test_plan_says_why_the_browser_is_missing():
    assert (
        "not running as root"
        in plan(found=None, is_root=False, has_apt=True, required=False).reason
    )
    assert (
        "apt-get is not available"
        in plan(found=None, is_root=True, has_apt=False, required=False).reason
    )


def test_find_chromium_reads_the_variable_then_the_path(bare_path, tmp_path):
    assert find_chromium({"PATH": str(bare_path)}) is None
    assert find_chromium({"HUB_CHROMIUM": str(tmp_path / "missing")}) is None
    browser = _executable(bare_path / "chromium")
    assert find_chromium({"PATH": str(bare_path)}) == str(browser)
    other = _executable(tmp_path / "my-chromium")
    assert find_chromium({"HUB_CHROMIUM": str(other), "PATH": ""}) == str(other)


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({}, False),
        ({"HUB_REQUIRE_SERVICES": "0"}, False),
        ({"HUB_REQUIRE_SERVICES": "1"}, True),
        ({"HUB_REQUIRE_BROWSER": "true"}, True),
    ],
)
def test_ci_variables_make_the_browser_required(env, required):
    assert browser_required(env) is required


def _run(env, euid):
    # Dovecot "present" unless a test says otherwise: these tests are about Chromium
    env = {"HUB_DOVECOT": sys.executable, **env}
    out = io.StringIO()
    status = main(env, euid=euid, out=out)
    return status, out.getvalue()


def test_a_present_browser_is_used_as_it_is(bare_path):
    _executable(bare_path / "chromium")
    status, out = _run({"PATH": str(bare_path)}, euid=1000)
    assert status == 0
    assert "Chromium at" in out and "WARNING" not in out


def test_not_root_warns_loudly_and_lets_the_tests_run(bare_path):
    _executable(bare_path / "apt-get")
    status, out = _run({"PATH": str(bare_path)}, euid=1000)
    assert status == 0
    assert "WARNING" in out and "not running as root" in out and "SKIPPED" in out


def test_no_apt_with_ci_variables_is_an_error(bare_path):
    env = {"PATH": str(bare_path), "HUB_REQUIRE_SERVICES": "1"}
    status, out = _run(env, euid=0)
    assert status == 1
    assert "apt-get is not available" in out and "error" in out


def test_offline_install_failure_skips_or_fails_as_required(bare_path):
    _executable(bare_path / "apt-get", "echo 'E: Unable to fetch' >&2; exit 100")
    status, out = _run({"PATH": str(bare_path)}, euid=0)
    assert status == 0
    assert "could not install" in out and "Unable to fetch" in out
    status, out = _run({"PATH": str(bare_path), "HUB_REQUIRE_BROWSER": "1"}, euid=0)
    assert status == 1


def test_root_with_apt_installs_chromium(bare_path):
    # a stand-in apt-get that "installs" a chromium on our PATH, recording its calls
    log = bare_path / "calls.log"
    _executable(
        bare_path / "apt-get",
        f'echo "$@ $DEBIAN_FRONTEND" >> {log}\n'
        f'[ "$1" = install ] && printf "#!/bin/sh\\n" > {bare_path}/chromium'
        f" && /bin/chmod +x {bare_path}/chromium\nexit 0",
    )
    status, out = _run({"PATH": str(bare_path)}, euid=0)
    assert status == 0, out
    assert f"installed Chromium at {bare_path}/chromium" in out
    assert log.read_text().splitlines() == [
        "update -qq noninteractive",
        "install -y -qq chromium noninteractive",
    ]


@pytest.mark.parametrize(("required", "status"), [("0", 0), ("1", 1)])
def test_the_script_runs_on_its_own(bare_path, tmp_path, required, status):
    # a PATH without apt-get: the script must never touch this machine's packages
    env = {
        "PATH": str(bare_path),
        "HUB_CHROMIUM": str(tmp_path / "missing"),
        "HUB_REQUIRE_BROWSER": required,
        "HUB_REQUIRE_SERVICES": "0",
        "HUB_DOVECOT": sys.executable,
    }
    done = subprocess.run(
        [sys.executable, "scripts/ensure_test_tools.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == status, done.stderr
    assert "WARNING: Chromium missing" in done.stderr


class _Item:
    def __init__(self, keywords, fixturenames=()):
        self.keywords = set(keywords)
        self.fixturenames = list(fixturenames)
        self.markers = []

    def add_marker(self, marker):
        self.markers.append(marker)


def _items():
    return {
        "e2e": _Item({"e2e"}),
        "playwright": _Item(set(), ["page", "browser_type_launch_args"]),
        "other": _Item(set(), ["db"]),
    }


def test_without_chromium_only_browser_tests_are_skipped(monkeypatch, tmp_path):
    monkeypatch.setenv("HUB_CHROMIUM", str(tmp_path / "missing"))
    monkeypatch.delenv("HUB_REQUIRE_SERVICES", raising=False)
    monkeypatch.delenv("HUB_REQUIRE_BROWSER", raising=False)
    items = _items()
    conftest.pytest_collection_modifyitems(None, list(items.values()))
    assert [m.kwargs["reason"] for m in items["e2e"].markers] == [
        f"browser test: {conftest.NO_BROWSER}"
    ]
    assert len(items["playwright"].markers) == 1
    assert items["other"].markers == []


def test_with_ci_variables_browser_tests_are_not_skipped(monkeypatch, tmp_path):
    monkeypatch.setenv("HUB_CHROMIUM", str(tmp_path / "missing"))
    monkeypatch.setenv("HUB_REQUIRE_BROWSER", "1")
    items = _items()
    conftest.pytest_collection_modifyitems(None, list(items.values()))
    assert all(not item.markers for item in items.values())


def test_the_summary_counts_browser_skips(tmp_path):
    # a real pytest run of one browser test file with Chromium "missing"
    env = {**os.environ, "HUB_CHROMIUM": str(tmp_path / "missing")}
    env.pop("HUB_REQUIRE_SERVICES", None)
    env.pop("HUB_REQUIRE_BROWSER", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:randomly",
            "tests/e2e/test_login.py",
            f"{Path(__file__).relative_to(ROOT)}::test_plan_says_why_the_browser_is_missing",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--co", "tests/e2e/test_login.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.count("::")
    assert done.returncode == 0, done.stdout[-2000:]
    assert collected > 0
    assert f"{collected} browser tests SKIPPED: {conftest.NO_BROWSER}" in done.stdout
    assert "1 passed" in done.stdout


def test_plan_is_a_value():
    assert ensure_browser.plan(
        found="/x", is_root=True, has_apt=True, required=True
    ) == Plan("found", "Chromium at /x")


def test_root_with_apt_installs_dovecot(bare_path):
    log = bare_path / "calls.log"
    _executable(
        bare_path / "apt-get",
        f'echo "$@" >> {log}\n'
        f'[ "$1" = install ] && printf "#!/bin/sh\\n" > {bare_path}/dovecot'
        f" && /bin/chmod +x {bare_path}/dovecot\nexit 0",
    )
    # without its usual place in /sbin, so that this machine's own copy is not found
    dovecot = dataclasses.replace(ensure_browser.DOVECOT, places=())
    out = io.StringIO()
    status = ensure_browser.ensure(dovecot, {"PATH": str(bare_path)}, euid=0, out=out)
    assert status == 0, out.getvalue()
    assert f"installed Dovecot at {bare_path}/dovecot" in out.getvalue()
    assert "install -y -qq dovecot-imapd" in log.read_text()


def test_missing_dovecot_is_an_error_only_for_ci(bare_path, tmp_path):
    _executable(bare_path / "chromium")
    missing = {"PATH": str(bare_path), "HUB_DOVECOT": str(tmp_path / "missing")}
    status, out = _run(missing, euid=1000)
    assert status == 0
    assert "Dovecot missing" in out and "tests/inbound" in out and "SKIPPED" in out
    status, out = _run({**missing, "HUB_REQUIRE_BROWSER": "1"}, euid=1000)
    assert status == 0
    status, out = _run({**missing, "HUB_REQUIRE_SERVICES": "1"}, euid=1000)
    assert status == 1 and "dovecot-imapd" in out


def test_the_summary_counts_inbound_skips(tmp_path):
    env = {**os.environ, "HUB_DOVECOT": str(tmp_path / "missing")}
    env.pop("HUB_REQUIRE_SERVICES", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:randomly",
            "tests/inbound/test_imap.py",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert f"inbound IMAP tests SKIPPED: {conftest.NO_DOVECOT}" in done.stdout
