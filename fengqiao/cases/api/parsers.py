"""A JSON parser that honours DATA_UPLOAD_MAX_MEMORY_SIZE.

DRF's JSONParser reads the whole request stream whatever its size; Django's own limit only guards
`request.body` and form parsing. Here an oversized body is refused with 413 before it is read into memory.
"""
from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework.parsers import JSONParser

from fengqiao.core.errors import ServiceError


class RequestTooLarge(ServiceError):
    status_code = 413
    code = "request_too_large"


def _limit() -> int | None:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _too_large(limit: int) -> RequestTooLarge:
    megabytes = max(limit // (1024 * 1024), 1)
    return RequestTooLarge(format_lazy(_("提交的内容过大（最多 {mb} MB）。附件请单独上传。"), mb=megabytes))


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = _limit()
        if limit is not None and stream is not None:
            request = (parser_context or {}).get("request")
            meta = getattr(request, "META", {}) if request is not None else {}
            try:
                declared = int(meta.get("CONTENT_LENGTH") or 0)
            except (TypeError, ValueError):
                declared = 0
            if declared > limit:
                raise _too_large(limit)
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise _too_large(limit)
            stream = io.BytesIO(body)
        return super().parse(stream, media_type, parser_context)
