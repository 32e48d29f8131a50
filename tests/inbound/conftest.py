import pytest

from tests.inbound.dovecot import start_dovecot, stop_dovecot
from tests.inbound.mail import mail  # noqa: F401 - re-exported for the tests


@pytest.fixture
def imap_server(settings):
    """A real Dovecot IMAP server with an empty INBOX; INBOUND_IMAP_URL points at it."""
    server = start_dovecot()
    settings.INBOUND_IMAP_URL = server.url
    yield server
    stop_dovecot(server)


@pytest.fixture(autouse=True)
def _inbound_address(settings):
    settings.HUB_INBOUND_ADDRESS = "support@hub.example"
