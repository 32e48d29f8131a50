import pytest

from scripts.ensure_test_tools import dovecot_required, find_dovecot
from tests.conftest import NO_DOVECOT
from tests.inbound.dovecot import start_dovecot, stop_dovecot
from tests.inbound.mail import mail  # noqa: F401 - re-exported for the tests


@pytest.fixture
def imap_server(settings):
    """A real Dovecot IMAP server with an empty INBOX; INBOUND_IMAP_URL points at it.
    Without Dovecot the test skips loudly (counted in the summary), unless CI
    (HUB_REQUIRE_SERVICES=1) makes that an error."""
    if find_dovecot() is None and not dovecot_required():
        pytest.skip(f"inbound IMAP test: {NO_DOVECOT}")
    server = start_dovecot()
    settings.INBOUND_IMAP_URL = server.url
    yield server
    stop_dovecot(server)


@pytest.fixture(autouse=True)
def _inbound_address(settings):
    settings.HUB_INBOUND_ADDRESS = "support@hub.example"
