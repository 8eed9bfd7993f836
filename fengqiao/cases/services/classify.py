"""Setting a case's category or dispute type from triage's suggestion, accepted or corrected by a person."""
from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.cases.services.common import add_event, lock_case, save_case, snapshot

CLASSIFY_FIELDS = ("category", "dispute_type")


@transaction.atomic
def case_classify(*, case: Case, acting_user: User, field: str, value: Category | DisputeType, suggested: str = "",
                  expected_version: int | None = None) -> Case:
    """Set `field` ("category" or "dispute_type") of the case: row locked and version-checked, saved with its
    version bumped, a timeline line saying whether the suggestion was accepted or corrected, an audit row."""
    if field not in CLASSIFY_FIELDS:
        raise ValueError(f"case_classify cannot set {field!r}")
    current = lock_case(case, expected_version)
    before = snapshot(current)
    setattr(current, field, value)
    save_case(current, [field])
    accepted = suggested == value.code
    what = _("诉求类别") if field == "category" else _("纠纷类型")
    note = (
        _("智能分流：%(what)s设为“%(value)s”（采纳建议）")
        if accepted
        else _("智能分流：%(what)s设为“%(value)s”（更正建议）")
    ) % {"what": what, "value": value.name}
    add_event(current, kind=EventKind.NOTE, actor=acting_user, action=f"triage_{field}", note=note,
              data={"field": field, "value": value.code, "suggested": suggested})
    audit_record(actor=acting_user, action=f"case.triage_{field}", obj=current, before=before,
                 after={**snapshot(current), "suggested": suggested, "accepted": accepted})
    events.publish(events.CaseClassified(case_id=current.pk, acting_user_id=getattr(acting_user, "pk", None),
                                         field=field, value=value.code))
    return current
