"""A JSON parser that honours DATA_UPLOAD_MAX_MEMORY_SIZE whatever the DRF version.

Before DRF 3.18 JSONParser read the whole request stream, ignoring Django's limit (which guards only
`request.body` and form parsing). Here an oversized body is refused before it is read into memory;
the API's exception handler answers RequestDataTooBig with a JSON 413.
"""
from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and stream is not None:
            request = (parser_context or {}).get("request")
            try:
                declared = int(getattr(request, "META", {}).get("CONTENT_LENGTH") or 0)
            except (TypeError, ValueError):
                declared = 0
            if declared > limit:
                raise RequestDataTooBig("request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE")
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise RequestDataTooBig("request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE")
            stream = io.BytesIO(body)
        return super().parse(stream, media_type, parser_context)
