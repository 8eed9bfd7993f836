"""The rate limiter lives in the cache: every portal test starts and ends with a clean one. Uploads go to a
temporary directory, never to var/."""
from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()
