"""Builders for the warning tests: cases registered through the cases services, events delivered on commit; an
empty cache for each test."""
from __future__ import annotations

import pytest
from django.core.cache import cache

from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case


def workers(count: int, *, start: int = 0) -> list[PartyInput]:
    return [PartyInput(name=f"工人{i}", phone=f"139{i:08d}") for i in range(start, start + count)]


@pytest.fixture
def registered(django_capture_on_commit_callbacks):
    """make_case with the case events delivered (as after a real request's commit)."""
    def _register(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_case(**kwargs)
    return _register


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test computes its own hot issues: ids repeat across rolled-back tests, so a cached page could not."""
    cache.clear()
    yield
    cache.clear()
