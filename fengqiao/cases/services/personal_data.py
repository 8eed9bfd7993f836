"""Revealing a masked identifier: permission-checked, with a reason, and logged."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import REVEAL_ROLES
from fengqiao.audit.models import AuditEntry, PersonalDataAccess
from fengqiao.audit.services import audit_record, personal_data_access_record
from fengqiao.cases.models import Party
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services.common import ensure_case_visible
from fengqiao.core.errors import PermissionRefused, ValidationFailed

REVEALABLE_FIELDS = {"id_number", "phone"}


@transaction.atomic
def party_reveal(*, party: Party, field: str, acting_user, reason: str) -> str:
    if field not in REVEALABLE_FIELDS:
        raise ValidationFailed(_("该字段不能显示。"), field_errors={"field": [_("未知字段")]})
    ensure_case_visible(acting_user, party.case_id)
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationFailed(_("请说明查看完整信息的理由（至少4个字）。"), field_errors={"reason": [_("必填")]})
    roles = roles_for_case(acting_user, party.case)
    if not (set(roles) & {str(r) for r in REVEAL_ROLES} or "assignee" in roles):
        audit_record(actor=acting_user, action="party.reveal", obj=party, outcome=AuditEntry.Outcome.DENIED,
                     after={"field": field})
        raise PermissionRefused(_("您无权查看完整信息。"))
    personal_data_access_record(user=acting_user, kind=PersonalDataAccess.Kind.REVEAL, obj=party, field=field, reason=reason)
    audit_record(actor=acting_user, action="party.reveal", obj=party, after={"field": field, "reason": reason})
    return getattr(party, field)
