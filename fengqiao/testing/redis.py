"""Tests that need the real Redis: one check that it answers, skipping (or failing, with FENGQIAO_REQUIRE_REDIS=1,
as CI sets) with the reason when it does not."""
from __future__ import annotations

import os

import pytest
import redis


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


def require_redis(url: str) -> redis.Redis:
    """A client of the Redis at `url`; the test is skipped (or fails under FENGQIAO_REQUIRE_REDIS=1) without one."""
    if not redis_answers(url):
        if os.environ.get("FENGQIAO_REQUIRE_REDIS") == "1":
            pytest.fail(f"FENGQIAO_REQUIRE_REDIS=1 but Redis does not answer at {url}")
        pytest.skip(f"Redis does not answer at {url} (set FENGQIAO_REQUIRE_REDIS=1 to fail instead)")
    return redis.Redis.from_url(url)
