"""Idempotent API writes (the `Idempotency-Key` request header).

A client that is unsure whether its POST arrived sends it again with the same key:

- same user, same key, same request body: the stored status and body come back, nothing new is written;
- same user, same key, another body: 422;
- another user may use the same key: keys are per user.

Only successful (2xx) answers are stored, in the same transaction as the change they report, so a refused
request can be corrected and sent again with its key. The unique index on (user, scope, key) settles a race
between two requests with one key: the loser's transaction rolls back and it answers with the winner's response.

Usage on a DRF view method::

    @idempotent(scope="case.create")
    def create(self, request): ...
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from fengqiao.core.errors import ServiceError, ValidationFailed
from fengqiao.intake.models import IdempotencyKey
from fengqiao.intake.services import idempotency_key_find, idempotency_key_store

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = IdempotencyKey._meta.get_field("key").max_length


class IdempotencyKeyReused(ServiceError):
    """The key was already used by this user for a request with a different body."""

    status_code = 422
    code = "idempotency_key_reused"


def clean_key(raw: str) -> str:
    key = raw.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise ValidationFailed(
            format_lazy(_("Idempotency-Key 请求头无效：应为 1 至 {n} 个可见 ASCII 字符。"), n=MAX_KEY_LENGTH),
            field_errors={HEADER: [_("格式无效。")]},
        )
    return key


def _plain(data: Any) -> Any:
    """Parsed request data as plain JSON values (form data becomes lists, uploaded files their digest)."""
    if hasattr(data, "lists"):
        return {key: [_plain(v) for v in values] for key, values in data.lists()}
    if hasattr(data, "chunks"):
        digest = hashlib.sha256()
        for chunk in data.chunks():
            digest.update(chunk)
        data.seek(0)
        return {"file": getattr(data, "name", ""), "sha256": digest.hexdigest()}
    return data


def request_fingerprint(request: Request) -> str:
    """SHA-256 of the request path and the canonical JSON of its parsed body (key order and spacing do not matter)."""
    payload = {"path": request.path, "data": _plain(request.data)}
    files = getattr(request, "FILES", None)
    if files:
        payload["files"] = _plain(files)
    canonical = json.dumps(payload, cls=JSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, cls=JSONEncoder))


def _replay(stored: IdempotencyKey, fingerprint: str) -> Response:
    if stored.request_hash != fingerprint:
        raise IdempotencyKeyReused(_("该 Idempotency-Key 已用于内容不同的另一个请求；新的请求请使用新的键。"))
    return Response(stored.response_body, status=stored.response_status, headers={REPLAY_HEADER: "true"})


def run_idempotent(*, request: Request, scope: str, key: str, call: Callable[[], Response]) -> Response:
    """Run `call` at most once per (user, scope, key); answer repeats from the stored response."""
    key = clean_key(key)
    user = request.user
    fingerprint = request_fingerprint(request)
    try:
        with transaction.atomic():
            stored = idempotency_key_find(user=user, scope=scope, key=key)
            if stored is not None:
                return _replay(stored, fingerprint)
            response = call()
            if 200 <= response.status_code < 300:
                idempotency_key_store(
                    user=user, scope=scope, key=key, request_hash=fingerprint,
                    response_status=response.status_code, response_body=_jsonable(response.data),
                )
            return response
    except IntegrityError:
        # A concurrent request with the same key committed first; this one's writes were rolled back.
        stored = idempotency_key_find(user=user, scope=scope, key=key)
        if stored is None:
            raise
        return _replay(stored, fingerprint)


def idempotent(*, scope: str) -> Callable:
    """Decorate a DRF view method so that an `Idempotency-Key` header makes it safe to repeat."""

    def decorator(method: Callable[..., Response]) -> Callable[..., Response]:
        @functools.wraps(method)
        def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
            raw = request.headers.get(HEADER)
            if raw is None:
                return method(view, request, *args, **kwargs)
            return run_idempotent(
                request=request, scope=scope, key=raw, call=lambda: method(view, request, *args, **kwargs)
            )

        return wrapper

    return decorator
