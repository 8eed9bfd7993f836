"""Intake writes: the stored answers behind idempotency keys."""
from __future__ import annotations

import datetime as dt

from fengqiao.accounts.models import User
from fengqiao.intake.models import IdempotencyKey


def idempotency_key_find(*, user: User, scope: str, key: str) -> IdempotencyKey | None:
    """The stored answer for this user's key in this scope, if a request with it has completed."""
    return IdempotencyKey.objects.filter(user=user, scope=scope, key=key).first()


def idempotency_key_store(
    *, user: User, scope: str, key: str, request_hash: str, response_status: int, response_body: object
) -> IdempotencyKey:
    """Remember the answer to a completed request.

    Call inside the transaction that made the change: the unique index on (user, scope, key) then makes a
    concurrent request with the same key fail with IntegrityError, and its transaction (with its change) roll back.
    """
    return IdempotencyKey.objects.create(
        user=user, scope=scope, key=key, request_hash=request_hash,
        response_status=response_status, response_body=response_body,
    )


def idempotency_keys_purge(*, before: dt.datetime) -> int:
    """Forget stored answers older than `before`; a client may then reuse those keys."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=before).delete()
    return deleted
