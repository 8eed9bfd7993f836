"""Errors raised by services: each carries a message that reads well in Chinese and English."""
from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def both_languages(message: str | Promise) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return zh, en


def error_body(code: str, message: str | Promise, **extra: object) -> dict:
    """The JSON body of every refused request: a code, the message in Chinese (`detail`, unless `extra` says
    otherwise) and in both languages, and any further keys."""
    zh, en = both_languages(message)
    return {"code": code, "detail": zh, "detail_zh": zh, "detail_en": en, **extra}


def request_too_large_message() -> Promise:
    """What a request over DATA_UPLOAD_MAX_MEMORY_SIZE is told, with the limit in MB."""
    limit = max((settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // (1024 * 1024), 1)
    return format_lazy(_("提交的内容过大（最多 {mb} MB）。附件请单独上传。"), mb=limit)


class ServiceError(Exception):
    """A refused write. `field_errors` names the offending input fields."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str | Promise, *, field_errors: dict[str, list] | None = None, code: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field_errors = field_errors or {}
        if code:
            self.code = code

    def as_dict(self) -> dict:
        body = error_body(self.code, self.message, detail=str(self.message))
        if self.field_errors:
            body["errors"] = {k: [str(m) for m in v] for k, v in self.field_errors.items()}
        return body


class ValidationFailed(ServiceError):
    status_code = 400
    code = "invalid"


class NotFoundError(ServiceError):
    """Missing and forbidden look the same to the caller."""

    status_code = 404
    code = "not_found"


class PermissionRefused(ServiceError):
    status_code = 403
    code = "permission_denied"


class TooManyAttempts(ServiceError):
    """Refused for now; `retry_after` says in how many seconds to try again (sent as Retry-After)."""

    status_code = 429
    code = "too_many_attempts"

    def __init__(self, message: str | Promise, *, retry_after: int, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))


class StaleVersionError(ServiceError):
    status_code = 409
    code = "stale_version"


class TransitionRefused(ServiceError):
    status_code = 409
    code = "transition_not_allowed"
