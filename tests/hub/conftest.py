import pytest


@pytest.fixture
def fresh_cache():
    """An empty cache before and after: sign-in and reset counts live there."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
