from __future__ import annotations

from django.db.models import QuerySet

from fengqiao.audit.models import AuditEntry


def audit_trail_for(*, object_type: str, object_id: str | int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).select_related("actor")
