"""Errors raised by services: each carries a message that reads well in Chinese and English."""
from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise


def both_languages(message: str | Promise) -> tuple[str, str]:
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return zh, en


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
        zh, en = both_languages(self.message)
        body: dict = {"code": self.code, "detail": str(self.message), "detail_zh": zh, "detail_en": en}
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


class StaleVersionError(ServiceError):
    status_code = 409
    code = "stale_version"


class TransitionRefused(ServiceError):
    status_code = 409
    code = "transition_not_allowed"
