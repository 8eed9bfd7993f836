"""Coalesced upkeep: many changes to one object, one piece of work; many objects, one batch.

A case registered through the API sends three or four events within a second or two (created, classified,
assigned ...), and every one of them asks the count tables and the risk level to follow. Doing that work once
per event repeats it, and on SQLite every repetition takes the database's only write lock from the requests that
register cases. A `Coalescer` collects the ids of changed objects in Redis and lets one task take them in
batches:

- `add(ids)` (called after commit by a subscriber) records each id with a fresh stamp (the queue's next
  number) and, unless a batch is already due, queues the batch task `delay_seconds` later, so the events of the next moment join it;
- the batch task calls `drain(handle)`: it reads up to `batch_size` ids, hands them to `handle`, and then
  removes each id only if its stamp did not change meanwhile (a change during the work leaves the id for the
  next round, so the latest change is always handled after it was committed);
- an id whose worker died mid-batch stays in the set: the periodic `drain` of every queue (celery beat, each
  minute) takes it up. Nothing is lost, and nothing is handled twice except after such a failure.

Where tasks run eagerly (no broker: tests, a single laptop) `add` hands the ids to `handle` at once, as before.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

# Remove the members whose stamp is still the one read (KEYS[1] the sorted set; ARGV member, stamp, ...).
_REMOVE_UNCHANGED = """
local removed = 0
for i = 1, #ARGV, 2 do
  local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if score and tonumber(score) == tonumber(ARGV[i + 1]) then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
"""

# Stamp the members with the next number of the queue's counter (KEYS[1] the set, KEYS[2] the counter).
_ADD_STAMPED = """
local stamp = redis.call('INCR', KEYS[2])
for i = 1, #ARGV do
  redis.call('ZADD', KEYS[1], stamp, ARGV[i])
end
return stamp
"""

_clients: dict[str, Any] = {}


def _client() -> Any:
    """One Redis client per process (redis-py pools its connections and is safe across threads)."""
    url = settings.REDIS_URL
    if url not in _clients:
        import redis

        _clients[url] = redis.Redis.from_url(url)
    return _clients[url]


class Coalescer:
    """The pending ids of one kind of upkeep (e.g. "reports:counts"), and the task that works them off."""

    def __init__(self, name: str, *, task_name: str, batch_size: int = 100, delay_seconds: float = 1.0) -> None:
        self.name = name
        self.task_name = task_name
        self.batch_size = batch_size
        self.delay_seconds = delay_seconds

    @property
    def key(self) -> str:
        return f"fengqiao:coalesce:{self.name}"

    @property
    def due_key(self) -> str:
        return f"{self.key}:due"

    @staticmethod
    def immediate() -> bool:
        return bool(settings.CELERY_TASK_ALWAYS_EAGER) or not settings.REDIS_URL

    def add(self, ids: Iterable[int], handle: Callable[[list[int]], Any]) -> None:
        """Record the ids as changed; `handle` runs here instead where tasks run eagerly."""
        ids = sorted(set(ids))
        if not ids:
            return
        if self.immediate():
            handle(ids)
            return
        client = _client()
        client.register_script(_ADD_STAMPED)(keys=[self.key, f"{self.key}:stamp"], args=[str(i) for i in ids])
        # the due mark expires: should the queued batch be lost, a later change queues another
        if client.set(self.due_key, "1", nx=True, ex=max(60, int(self.delay_seconds * 10))):
            from celery import current_app  # the project's app (fengqiao.config loads it first)

            current_app.send_task(self.task_name, countdown=self.delay_seconds)

    def pending(self) -> int:
        return 0 if self.immediate() else int(_client().zcard(self.key))

    def drain(self, handle: Callable[[list[int]], Any], *, max_rounds: int = 1000) -> int:
        """Work off the pending ids in batches; returns how many were handled. The due mark is cleared first,
        so an id added while this runs either is taken by this drain or queues the next one."""
        client = _client()
        client.delete(self.due_key)
        remove = client.register_script(_REMOVE_UNCHANGED)
        handled = 0
        for _round in range(max_rounds):
            members = client.zrange(self.key, 0, self.batch_size - 1, withscores=True)
            if not members:
                break
            ids = [int(m) for m, _score in members]
            handle(ids)
            handled += len(ids)
            args: list[Any] = []
            for member, score in members:
                args += [member, int(score)]
            remove(keys=[self.key], args=args)
        else:
            logger.warning("coalesced queue %s still has %s ids after %s rounds", self.name,
                           client.zcard(self.key), max_rounds)
        return handled
