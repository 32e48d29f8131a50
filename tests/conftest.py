"""Shared actors and infrastructure fixtures.

Actors: two networks (A and B) with their people, an intern and a manager. Every
access rule is tested from the side of the person who must be kept out.
"""

import os
import shutil

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from scripts.ensure_test_tools import (
    browser_required,
    dovecot_required,
    find_chromium,
    find_dovecot,
)
from tests.hub.factories import (
    MembershipFactory,
    NetworkFactory,
    StaffFactory,
    UserFactory,
)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    lines = [
        f"hub: database={engine} redis={'yes' if settings.REDIS_AVAILABLE else 'NO'}"
    ]
    if engine != "postgresql":
        lines.append(
            "hub: WARNING PostgreSQL not reachable: PostgreSQL-only tests are SKIPPED"
        )
    if find_chromium() is None and not browser_required():
        lines.append(f"hub: WARNING {NO_BROWSER}: browser tests are SKIPPED")
    if find_dovecot() is None and not dovecot_required():
        lines.append(f"hub: WARNING {NO_DOVECOT}: inbound IMAP tests are SKIPPED")
    return lines


NO_BROWSER = "Chromium is not installed (apt-get install chromium)"
NO_DOVECOT = "Dovecot is not installed (apt-get install dovecot-imapd)"


def is_browser_test(item) -> bool:
    """Marked ``e2e`` or using Playwright's browser (whose launch args we set)."""
    return "e2e" in item.keywords or "browser_type_launch_args" in getattr(
        item, "fixturenames", ()
    )


def pytest_collection_modifyitems(config, items):
    """Skip loudly what this machine cannot run: the browser tests without Chromium
    (unless HUB_REQUIRE_BROWSER/HUB_REQUIRE_SERVICES make it an error), PostgreSQL-only
    tests on SQLite (CI makes PostgreSQL mandatory)."""
    if find_chromium() is None and not browser_required():
        no_browser = pytest.mark.skip(reason=f"browser test: {NO_BROWSER}")
        for item in items:
            if is_browser_test(item):
                item.add_marker(no_browser)
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (not reachable); run with PostgreSQL up"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


# --- actors -----------------------------------------------------------------


@pytest.fixture
def network_a(db):
    return NetworkFactory(name="Alpha Agency", slug="alpha-agency")


@pytest.fixture
def network_b(db):
    return NetworkFactory(name="Bravo Talent", slug="bravo-talent")


@pytest.fixture
def owner_a(network_a):
    return MembershipFactory(network=network_a, role="owner").user


@pytest.fixture
def member_a(network_a):
    return MembershipFactory(network=network_a, role="member").user


@pytest.fixture
def member_b(network_b):
    return MembershipFactory(network=network_b, role="member").user


@pytest.fixture
def intern(db):
    return StaffFactory(group="Support interns", email="intern@staff.example")


@pytest.fixture
def manager(db):
    return StaffFactory(group="Agency managers", email="manager@staff.example")


@pytest.fixture
def administrator(db):
    """A superuser: the one role that changes accounts, groups and tokens."""
    return StaffFactory(email="admin@staff.example", is_superuser=True)


@pytest.fixture
def outsider(db):
    """Signed in, but a member of no network and not staff."""
    return UserFactory()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as(api_client):
    """``api_as(user)`` returns an API client authenticated as that user."""

    def login(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return login


@pytest.fixture
def client_as(client):
    """``client_as(user)`` returns a Django test client signed in as that user."""
    from django.test import Client

    def login(user):
        browser = Client()
        browser.force_login(user)
        return browser

    return login


# --- Celery: a real worker on Redis --------------------------------------------


@pytest.fixture(scope="session")
def celery_queue(worker_id):
    """A queue per database and xdist worker: parallel test runs never share tasks."""
    database = settings.DATABASES["default"]["NAME"]
    return f"hub-test-{str(database).rsplit('/', 1)[-1]}-{worker_id}"


@pytest.fixture
def celery_worker(transactional_db, celery_queue, settings):
    """A real Celery worker thread consuming from Redis; tasks are not eager."""
    if not settings.REDIS_AVAILABLE:
        pytest.skip("needs Redis (not reachable)")
    from celery.contrib.testing.worker import start_worker

    from hub.celery import app

    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(
        broker_url=settings.REDIS_URL,
        task_always_eager=False,
        task_default_queue=celery_queue,
    )
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _reset_pools(app)
    with app.connection_for_write() as conn:  # start from an empty queue
        conn.default_channel.queue_purge(celery_queue) if _queue_exists(
            conn, celery_queue
        ) else None
    with start_worker(
        app,
        pool="solo",
        queues=[celery_queue],
        perform_ping_check=False,
        loglevel="WARNING",
    ) as worker:
        yield worker
    app.conf.update(saved)
    _reset_pools(app)


@pytest.fixture
def smtp_refusing(settings):
    """``smtp_refusing(address)``: a real SMTP server (aiosmtpd) the app sends to,
    refusing ``address`` once; one delivery chunk, so the failure is mid-batch."""
    from aiosmtpd.controller import Controller

    from tests.onboarding.smtp import RefusesOnceHandler, free_port

    controllers = []

    def start(victim: str) -> RefusesOnceHandler:
        handler = RefusesOnceHandler(victim)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.HUB_DELIVERY_CHUNK = 50
        return handler

    yield start
    for controller in controllers:
        controller.stop()


def _reset_pools(app) -> None:
    """Forget cached broker connections so a changed ``broker_url`` takes effect."""
    app._pool = None
    app.amqp._producer_pool = None


def _queue_exists(conn, name: str) -> bool:
    try:
        conn.default_channel.queue_declare(name, passive=True)
        return True
    except Exception:  # noqa: BLE001 - a missing queue raises a transport error
        return False


# --- Browser: Playwright with Debian's Chromium ----------------------------------


def skips_for(reports, reason: str = NO_BROWSER) -> int:
    """How many of these skip reports were skipped for this missing program."""
    return sum(
        1
        for report in reports
        if isinstance(report.longrepr, tuple) and reason in str(report.longrepr[2])
    )


def browser_skips(reports) -> int:
    return skips_for(reports, NO_BROWSER)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    reports = terminalreporter.stats.get("skipped", [])
    for kind, reason in (("browser", NO_BROWSER), ("inbound IMAP", NO_DOVECOT)):
        skipped = skips_for(reports, reason)
        if skipped:
            terminalreporter.write_sep("!", f"{skipped} {kind} tests SKIPPED", red=True)
            terminalreporter.write_line(
                f"hub: WARNING {skipped} {kind} tests SKIPPED: {reason}; every "
                "other test ran. CI (HUB_REQUIRE_SERVICES=1) makes this an error."
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = find_chromium()
    if not executable:  # only reached when a browser is required (see above)
        pytest.fail(f"{NO_BROWSER}; HUB_REQUIRE_BROWSER/HUB_REQUIRE_SERVICES is set")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
