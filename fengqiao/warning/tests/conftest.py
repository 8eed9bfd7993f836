import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test computes its own hot issues: ids repeat across rolled-back tests, so a cached page could not."""
    cache.clear()
    yield
    cache.clear()
