"""The count and risk upkeep as it runs with a broker: a change queues the case in Redis (nothing is counted in the
request), and the batch tasks bring the figures and levels up to date (skipped when Redis is absent, unless
FENGQIAO_REQUIRE_REDIS=1)."""
from __future__ import annotations

import uuid

import pytest
import redis

from fengqiao.reports.models import CaseTally
from fengqiao.reports.subscribers import PENDING_RECOUNTS
from fengqiao.reports.tasks import counts_refresh_pending
from fengqiao.testing.factories import make_case
from fengqiao.testing.redis import require_redis
from fengqiao.warning.models import MatterKey, RiskAssessment
from fengqiao.warning.subscribers import PENDING_CHANGED, PENDING_NEW
from fengqiao.warning.tasks import changed_cases_pending, new_cases_pending

REDIS_URL = "redis://127.0.0.1:6379/11"
QUEUES = (PENDING_RECOUNTS, PENDING_NEW, PENDING_CHANGED)


@pytest.fixture
def with_broker(settings, monkeypatch):
    require_redis(REDIS_URL)
    settings.REDIS_URL = REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    run = uuid.uuid4().hex  # own keys: parallel test workers share the Redis database
    for queue in QUEUES:
        monkeypatch.setattr(queue, "name", f"test:{run}:{queue.name}")
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for queue in QUEUES:
        client.delete(queue.key, queue.due_key, f"{queue.key}:stamp")


def test_a_new_case_is_counted_and_assessed_by_the_batch_tasks_not_in_the_request(
        county, with_broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.center, region=county.grid)
    assert PENDING_RECOUNTS.pending() == 1 and PENDING_NEW.pending() == 1
    assert not CaseTally.objects.filter(case_id=case.pk).exists()
    assert not MatterKey.objects.filter(case_id=case.pk).exists()

    assert counts_refresh_pending() == 1
    assert new_cases_pending() == 1
    assert CaseTally.objects.get(case_id=case.pk).facts["region_path"] == case.region_path
    assert MatterKey.objects.filter(case_id=case.pk).exists()  # the party's phone and ID are keys
    assert RiskAssessment.objects.filter(case_id=case.pk).exists()
    assert PENDING_RECOUNTS.pending() == PENDING_NEW.pending() == 0
    assert changed_cases_pending() == 0  # nothing else changed
