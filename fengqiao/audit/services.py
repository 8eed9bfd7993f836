"""Writing audit rows. Every service in every app calls `audit_record` inside its own transaction."""
from __future__ import annotations

from typing import Any

from django.db import models

from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.core.masking import mask_text
from fengqiao.core.request_context import current_request_id


def _clean(value: Any) -> Any:
    """Make a before/after snapshot JSON-safe, with personal identifiers masked and CR/LF escaped."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_clean(v) for v in value]
    if isinstance(value, str):
        return mask_text(value).replace("\r", "\\r").replace("\n", "\\n")[:2000]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def audit_record(
    *,
    actor,  # a User or None (system
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    outcome: str = AuditEntry.Outcome.SUCCESS,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    actor_obj = actor if getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type or "",
        object_id=str(object_id or ""),
        object_repr=mask_text(str(obj))[:200] if obj is not None else "",
        before=_clean(before) if before is not None else None,
        after=_clean(after) if after is not None else None,
        outcome=outcome,
        request_id=current_request_id(),
    )


def personal_data_access_record(
    *, user, kind: str, obj: models.Model, field: str = "", reason: str = ""
) -> PersonalDataAccess:
    return PersonalDataAccess.objects.create(
        user=user,
        kind=kind,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        field=field,
        reason=mask_text(reason)[:500],
        request_id=current_request_id(),
    )
