"""Coalesced upkeep through a real Redis (skipped when Redis is absent, unless FENGQIAO_REQUIRE_REDIS=1): many
changes of one id are one piece of work, ids are worked in batches, and a change during the work is worked again."""
from __future__ import annotations

import uuid

import pytest
import redis

from fengqiao.core import coalesce
from fengqiao.core.coalesce import Coalescer
from fengqiao.testing.redis import require_redis

REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture
def queue(settings):
    require_redis(REDIS_URL)
    settings.REDIS_URL = REDIS_URL
    settings.CELERY_TASK_ALWAYS_EAGER = False
    name = f"test:{uuid.uuid4().hex}"  # its own keys: parallel test workers share the database
    found = Coalescer(name, task_name="fengqiao.tests.no_such_task", batch_size=3, delay_seconds=30)
    yield found
    client = redis.Redis.from_url(REDIS_URL)
    client.delete(found.key, found.due_key, f"{found.key}:stamp")


def test_without_a_broker_the_work_runs_at_once(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    calls: list[list[int]] = []
    Coalescer("eager", task_name="x").add([5, 2, 5], calls.append)
    assert calls == [[2, 5]]


def test_repeated_changes_of_one_case_are_one_piece_of_work_and_batches_are_bounded(queue):
    calls: list[list[int]] = []
    for case_id in (7, 1, 7, 4, 9, 1, 2, 7):
        queue.add([case_id], calls.append)
    assert calls == []  # nothing done in the request
    assert queue.pending() == 5
    client = redis.Redis.from_url(REDIS_URL)
    assert client.get(queue.due_key) == b"1"  # one batch queued for all of them
    assert queue.drain(calls.append) == 5
    assert sorted(sum(calls, [])) == [1, 2, 4, 7, 9]
    assert [len(batch) for batch in calls] == [3, 2]
    assert queue.pending() == 0 and client.get(queue.due_key) is None


def test_a_change_during_the_work_is_worked_again(queue):
    calls: list[list[int]] = []

    def handle(ids: list[int]) -> None:
        calls.append(ids)
        if len(calls) == 1:
            queue.add([ids[0]], calls.append)  # the case changes again while its batch is worked

    queue.add([10, 11], handle)
    assert queue.drain(handle) == 3
    assert calls == [[10, 11], [10]]
    assert queue.pending() == 0


def test_work_that_fails_leaves_its_ids_for_the_next_drain(queue):
    queue.add([3, 8], lambda ids: None)

    def broken(ids: list[int]) -> None:
        raise RuntimeError("worker stopped")

    with pytest.raises(RuntimeError):
        queue.drain(broken)
    assert queue.pending() == 2
    done: list[list[int]] = []
    assert queue.drain(done.append) == 2 and done == [[3, 8]]


def test_one_client_per_redis_address(queue):
    assert coalesce._client() is coalesce._client()
