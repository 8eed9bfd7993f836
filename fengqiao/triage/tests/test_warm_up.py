"""Which server processes load the triage engine ahead of the first case."""
from __future__ import annotations

import pytest

from fengqiao.triage import hooks, runtime


@pytest.fixture
def warm_ups(monkeypatch):
    """The warm-ups started (the real one still runs), as a fresh server process would see them."""
    started = []
    real = runtime.warm_up_in_background

    def recorded():
        thread = real()
        started.append(thread)
        return thread

    monkeypatch.setattr(hooks, "_warming_started", False)
    monkeypatch.setattr(runtime, "warm_up_in_background", recorded)
    yield started
    for thread in started:
        thread.join(timeout=60)


def test_a_web_process_with_a_broker_leaves_the_engine_to_the_workers(settings, warm_ups):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    hooks.warm_up_on_first_request()
    assert warm_ups == []


def test_a_web_process_that_triages_itself_warms_up_once(settings, warm_ups):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    hooks.warm_up_on_first_request()
    hooks.warm_up_on_first_request()
    assert len(warm_ups) == 1
