"""List totals cached in a real Redis until the next committed write (skipped when Redis is absent, unless
FENGQIAO_REQUIRE_REDIS=1)."""
from __future__ import annotations

import contextlib

import pytest
import redis
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Case
from fengqiao.core import countcache
from fengqiao.testing.factories import make_case
from fengqiao.testing.redis import require_redis

REDIS_URL = "redis://127.0.0.1:6379/13"
pytestmark = pytest.mark.redis


@pytest.fixture
def shared_cache(settings):
    require_redis(REDIS_URL).flushdb()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    settings.FENGQIAO_COUNT_CACHE_SECONDS = 60
    yield
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks of the block as a real commit would, and forget them afterwards as a real
    commit does (the test's surrounding transaction would otherwise keep them pending)."""

    @contextlib.contextmanager
    def block():
        start = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        del connection.run_on_commit[start:]

    return block


def _count_queries(queryset) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        total = countcache.cached_count(queryset)
    return total, sum("COUNT(" in q["sql"].upper() for q in queries.captured_queries)


def test_a_total_is_counted_once_then_served_from_the_cache(shared_cache, county):
    queryset = Case.objects.visible_to(county.center)
    expected = queryset.count()
    assert _count_queries(queryset) == (expected, 1)
    assert _count_queries(queryset) == (expected, 0)


def test_a_committed_write_makes_the_next_request_count_again(shared_cache, county, committed):
    queryset = Case.objects.visible_to(county.center)
    before, _ = _count_queries(queryset)
    with committed():
        make_case(acting_user=county.center, region=county.grid)
    assert _count_queries(queryset) == (before + 1, 1)


def test_a_queryset_update_outside_the_services_also_counts_as_a_write(
    shared_cache, county, committed
):
    with committed():
        case = make_case(acting_user=county.center, region=county.grid)
    urgent = Case.objects.visible_to(county.center).filter(urgency="urgent")
    before, _ = _count_queries(urgent)
    with committed():
        Case.objects.filter(pk=case.pk).update(urgency="urgent" if case.urgency != "urgent" else "normal")
    after, counted = _count_queries(urgent)
    assert counted == 1
    assert after == before + (1 if case.urgency != "urgent" else -1)


def test_a_rolled_back_write_leaves_the_generation_alone(shared_cache, county, committed):
    queryset = Case.objects.visible_to(county.center)
    before, _ = _count_queries(queryset)
    with committed() as callbacks:
        try:
            with transaction.atomic():
                make_case(acting_user=county.center, region=county.grid)
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert _count_queries(queryset) == (before, 0)


def test_writes_to_uncounted_tables_keep_the_cached_total(shared_cache, county, committed):
    queryset = Case.objects.visible_to(county.center)
    _count_queries(queryset)
    with committed() as callbacks:
        audit_record(actor=county.center, action="test.count_cache", obj=None)
    assert callbacks == []
    assert _count_queries(queryset)[1] == 0


def test_a_write_to_a_table_the_count_does_not_read_keeps_its_cached_total(shared_cache, county, committed):
    from fengqiao.warning.models import RiskWeights
    from fengqiao.warning.services.risk import risk_weights_current

    with committed():
        risk_weights_current()  # the first weights are written when first needed (by the risk upkeep of a case)
    cases = Case.objects.visible_to(county.center)
    weights = RiskWeights.objects.all()
    _count_queries(cases)
    before, _ = _count_queries(weights)
    with committed():
        make_case(acting_user=county.center, region=county.grid)
    assert _count_queries(cases)[1] == 1 and _count_queries(weights)[1] == 0  # a case does not touch weights
    with committed():
        RiskWeights.objects.create(version=999, weights={})
    assert _count_queries(cases)[1] == 0  # weights written: the case list's total stays cached
    assert _count_queries(weights) == (before + 1, 1)


def test_one_transaction_moves_the_generation_once(shared_cache, county, django_capture_on_commit_callbacks):
    start = len(connection.run_on_commit)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_case(acting_user=county.center, region=county.grid)
        make_case(acting_user=county.center, region=county.grid)
    bumps = [c for c in callbacks if getattr(c, "func", None) is countcache.bump]
    assert len(bumps) == 1 and "cases_case" in bumps[0].args[1]
    del connection.run_on_commit[start:]


def test_without_a_shared_cache_every_total_comes_from_the_database(settings, county):
    settings.FENGQIAO_COUNT_CACHE_SECONDS = 0
    queryset = Case.objects.visible_to(county.center)
    assert _count_queries(queryset)[1] == 1
    assert _count_queries(queryset)[1] == 1


def test_the_api_total_follows_creates_through_the_api(shared_cache, county, committed):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(county.center)
    first = client.get("/api/v1/cases/").json()["count"]
    assert client.get("/api/v1/cases/").json()["count"] == first
    body = {
        "process": "dispute", "channel": "visit", "title": "计数测试", "narrative": "邻里之间因噪音发生纠纷。",
        "region": county.grid.code, "parties": [{"name": "王某", "role": "applicant"}],
    }
    with committed():
        assert client.post("/api/v1/cases/", body, format="json").status_code == 201
    assert client.get("/api/v1/cases/").json()["count"] == first + 1
