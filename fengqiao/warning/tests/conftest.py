"""Builders for the warning tests: cases registered through the cases services, events delivered on commit."""
from __future__ import annotations

import pytest

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
