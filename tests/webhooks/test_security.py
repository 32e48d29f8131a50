"""Where webhooks may go: public addresses only, unless HUB_WEBHOOK_ALLOW_PRIVATE."""

import pytest

from webhooks.security import UnsafeTarget, resolve, split


@pytest.fixture
def production(settings):
    settings.HUB_WEBHOOK_ALLOW_PRIVATE = False


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost:8000/hook",
        "http://10.1.2.3/hook",
        "http://172.16.0.5/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://100.64.0.1/hook",  # shared address space (CGNAT)
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        "http://[fd00::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",  # IPv4-mapped loopback
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_production_refuses_internal_targets(production, url):
    with pytest.raises(UnsafeTarget):
        resolve(url)


def test_a_public_address_is_accepted(production):
    assert resolve("https://93.184.215.14/hook")[3] == "93.184.215.14"


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/", "file:///etc/passwd", "https://", "https://u:p@x.example/"],
)
def test_only_plain_http_and_https_urls(url):
    with pytest.raises(UnsafeTarget):
        split(url)


def test_the_setting_lets_tests_use_loopback(settings):
    settings.HUB_WEBHOOK_ALLOW_PRIVATE = True
    assert resolve("http://127.0.0.1:9/hook") == ("http", "127.0.0.1", 9, "127.0.0.1")
