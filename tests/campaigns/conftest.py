import pytest

from tests.campaigns.factories import enrolled_campaign


@pytest.fixture
def campaign(network_a, network_b, manager):
    """Live, March 2026, networks A and B accepted, owned by the manager."""
    return enrolled_campaign(network_a, network_b, owner=manager, name="Spring Cup")
