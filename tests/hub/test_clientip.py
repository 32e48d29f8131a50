"""client_ip: REMOTE_ADDR unless trusted proxies say otherwise; never the
client's own X-Forwarded-For entries."""

import pytest
from django.test import RequestFactory

from hub.clientip import client_ip


def _request(remote="203.0.113.9", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_a_forged_header_changes_nothing(settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="1.2.3.4")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # the client wrote the first entry itself; only the proxy's one counts
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_entry_they_added_is_the_client(
    settings, count, forwarded, expected
):
    settings.HUB_TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(remote="10.0.0.1", forwarded=forwarded)) == expected


def test_a_request_that_skipped_the_proxies_falls_back_to_its_address(settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(forwarded="198.51.100.7")) == "203.0.113.9"


def test_garbage_is_unknown(settings):
    settings.HUB_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded="not-an-ip")) == "unknown"
    settings.HUB_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote="")) == "unknown"
