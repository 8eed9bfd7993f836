"""A step period the parties themselves agree (e.g. 调解期限: the law sets none for people's mediation, and the
court's mediation periods yield to the parties' agreement, 人民法院在线调解规则 第二十四条). The mediation app calls
this with the parties' recorded consent; it is not an extension (those need approval, cases.services.extensions)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind, StateKind
from fengqiao.cases.deadlines import end_of_day
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed


@transaction.atomic
def case_step_due_agreed(*, case: Case, acting_user, due_on: dt.date, consent: str) -> Case:
    """Set the current step's due date to the last day the parties agreed (`consent`: how they agreed)."""
    ensure_case_visible(acting_user, case.pk)
    case = lock_case(case, None)
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您在该案件中没有办理职责。"))
    if case.state.kind != StateKind.OPEN or case.due_at is None or case.clock_started_at is None:
        raise TransitionRefused(_("当前环节没有正在计时的期限。"))
    consent = (consent or "").strip()
    if not consent:
        raise ValidationFailed(_("请写明各方当事人约定或同意延长期限的情况。"), field_errors={"consent": [_("必填")]})
    if due_on < timezone.localdate() or due_on <= timezone.localtime(case.clock_started_at).date():
        raise ValidationFailed(_("约定的期限不能早于今天。"), field_errors={"until": [_("日期过早")]})
    old_due = case.due_at
    case.due_at = end_of_day(due_on)
    case.due_set_by = acting_user  # the parties' day: a later calendar recount must not put the rule's back
    if case.warn_at:
        ratio = (case.warn_at - case.clock_started_at) / (old_due - case.clock_started_at) if old_due > case.clock_started_at else 0.8
        case.warn_at = case.clock_started_at + (case.due_at - case.clock_started_at) * ratio
    save_case(case, ["due_at", "warn_at", "due_set_by"])
    old_day = timezone.localtime(old_due).date().isoformat()
    add_event(case, kind=EventKind.DEADLINE, actor=acting_user, action="deadline_agreed",
              note=_("当事人约定本环节期限至 %(new)s（原 %(old)s）：%(consent)s") % {
                  "new": due_on.isoformat(), "old": old_day, "consent": consent},
              public_note=_("根据各方当事人的约定，本环节期限为 %(new)s。") % {"new": due_on.isoformat()},
              data={"old_due_at": old_due.isoformat(), "due_at": case.due_at.isoformat()})
    audit_record(actor=acting_user, action="case.deadline_agreed", obj=case, before={"due_at": old_due.isoformat()},
                 after={"due_at": case.due_at.isoformat(), "consent": consent})
    events.publish(events.CaseDeadlineChanged(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None),
                                              reason="agreed", due_at=case.due_at))
    return case
