"""Exact list totals without counting every row again on every page.

Every paginated list (the case list page, GET /api/v1/cases/) shows its total. Counting 100,000 rows
through the jurisdiction scope costs tens of milliseconds of database time per request, so the total is
kept in the shared cache under the SQL of the count query and a *write generation*:

- every committed INSERT, UPDATE or DELETE on a table moves that table's generation on (a database execute
  wrapper sees the statement; the move happens after the commit, and not at all on a rollback, so no write
  is missed whichever code path made it: services, the admin, queryset updates);
- a cached total is looked up under the current generations of the tables its count query reads (every
  table named after FROM or JOIN in its SQL, subqueries included), so after a write to any of them the next
  request counts again: a total is never stale, it is just not recounted while nothing it reads changed.
  A worker writing risk levels or count rows does not make the case list count again.

High-churn tables that no list counts (sessions, the audit trail, idempotency keys, notifications,
tokens) do not move the generation. Cached totals also expire after FENGQIAO_COUNT_CACHE_SECONDS, which
bounds the effect of a write made outside the application (psql). Caching is on only when the cache is
shared by every server process (Redis, i.e. REDIS_URL is set); with the per-process memory cache every
total comes from the database.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import QuerySet
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

GENERATION_KEY = "fengqiao:count-generation:{db}:{table}"
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z0-9_]+)"?', re.IGNORECASE)
# Tables written on almost every request that no counted list reads.
UNCOUNTED_TABLE_PREFIXES = (
    "django_session",
    "audit_",
    "intake_idempotencykey",
    "notifications_",
    "authtoken_",
    "django_celery",
)


def enabled() -> bool:
    return getattr(settings, "FENGQIAO_COUNT_CACHE_SECONDS", 0) > 0


def _database_id(alias: str) -> str:
    conf = connections[alias].settings_dict
    return f"{conf.get('ENGINE')}:{conf.get('HOST') or ''}:{conf.get('PORT') or ''}:{conf.get('NAME')}"


def _generation_key(alias: str, table: str) -> str:
    return GENERATION_KEY.format(db=hashlib.sha256(_database_id(alias).encode()).hexdigest()[:16], table=table.lower())


def bump(alias: str = "default", tables: set[str] | frozenset[str] = frozenset()) -> None:
    """Move these tables' write generations on: every cached total that reads one of them is out of date."""
    if not enabled():
        return
    for table in sorted(tables):
        key = _generation_key(alias, table)
        try:
            try:
                cache.incr(key)
            except ValueError:  # not there yet (or evicted): any new value differs from what totals used
                cache.set(key, 1, timeout=None)
        except Exception:  # a cache outage must not fail a committed write
            logger.exception("could not move the list-count generation on; cached totals expire on their own")
            return


def watch_writes(execute, sql, params, many, context):  # Django's execute-wrapper signature
    """Execute wrapper: after a write to a counted table, move its generation on once the transaction commits
    (one callback per transaction, holding every table the transaction wrote)."""
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match and enabled() and not match.group(1).lower().startswith(UNCOUNTED_TABLE_PREFIXES):
        connection = context["connection"]
        pending = next((func for _sids, func, *_rest in connection.run_on_commit
                        if getattr(func, "func", None) is bump), None)
        if pending is None:
            transaction.on_commit(partial(bump, connection.alias, {match.group(1).lower()}), using=connection.alias)
        else:
            pending.args[1].add(match.group(1).lower())
    return result


def install(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """connection_created receiver: watch every new database connection's writes."""
    if connection is not None and watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def cached_count(queryset: QuerySet) -> int:
    """queryset.count(), from the shared cache when nothing has been written since it was last counted."""
    if not enabled():
        return queryset.count()
    alias = queryset.db
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # e.g. an empty IN: let the ORM decide
        return queryset.count()
    tables = sorted({t.lower() for t in _READ.findall(sql)})
    try:
        found = cache.get_many([_generation_key(alias, t) for t in tables])
    except Exception:  # cache down: count in the database
        logger.exception("list-count cache unavailable")
        return queryset.count()
    generation = ",".join(f"{t}={found.get(_generation_key(alias, t), 0)}" for t in tables)
    digest = hashlib.sha256(f"{_database_id(alias)}\n{generation}\n{sql}\n{params!r}".encode()).hexdigest()
    key = f"fengqiao:count:{digest}"
    try:
        total = cache.get(key)
    except Exception:
        total = None
    if total is None:
        total = queryset.count()
        try:
            cache.set(key, total, timeout=settings.FENGQIAO_COUNT_CACHE_SECONDS)
        except Exception:
            logger.exception("could not store a list count")
    return total


class CachedCountPaginator(Paginator):
    """A paginator whose total comes from cached_count."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count
