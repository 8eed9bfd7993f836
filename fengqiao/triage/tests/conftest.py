"""Fixtures of the triage tests: the engine warmed up once per test process, cases created with their
on-commit work (the triage task, run eagerly) executed, a model directory under tmp_path."""

from __future__ import annotations

import pytest

from fengqiao.testing.factories import make_case
from fengqiao.testing.fixtures import _engine_warm, _engine_warming  # noqa: F401 - switched on for these tests


@pytest.fixture(autouse=True)
def _models_under_tmp(settings, tmp_path):
    settings.TRIAGE_MODEL_DIR = tmp_path / "models"
    settings.TRIAGE_FAULT = ""


@pytest.fixture
def triaged(django_capture_on_commit_callbacks):
    """make_case(...) with the work queued on commit (triage, alerts) run before it returns."""

    def _make(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            case = make_case(**kwargs)
        case.refresh_from_db()
        return case

    return _make
