"""Fixtures that several apps' test folders switch on: a conftest imports the ones it wants (autouse fixtures
apply to the tests below that conftest only)."""
from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    """Uploads under the test's own folder and an empty cache before and after."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _engine_warming():
    """Load the text engine while the test database is being built (once per test process)."""
    from fengqiao.triage.runtime import warm_up_in_background

    return warm_up_in_background()


@pytest.fixture(autouse=True)
def _engine_warm(_engine_warming):
    _engine_warming.join()
