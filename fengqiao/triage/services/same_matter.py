"""Same matter after 复核 (信访工作条例 第三十六条第三款): the machine suggests, a person decides.

When triage finds that a new case's matter (text, place, organisation) matches an earlier case closed after
复核, it stores a suggestion. A staff member working on the new case confirms it (same facts and reasons) or
rejects it; each answer is audited and put on the case's timeline. Only a confirmed link shows the note
"该信访人有已复核终结的事项" on the case page. A case sharing only the person (ID number, phone, name) is never
suggested: a new matter of the same person is a new matter."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import ASSIGNEE
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_log_event
from fengqiao.core.errors import NotFoundError, PermissionRefused, ValidationFailed
from fengqiao.triage.models import SameMatterLink, SameMatterStatus

NOTE_MAX = 2000
LAW = "信访工作条例 第三十六条第三款"


def same_matter_reasons(match: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The matter reasons of a stored similar-case match, or None when the matter does not match enough to
    suggest the same facts: similar text, or the same place and the same organisation together."""
    reasons = [r for r in match.get("reasons", []) if r.get("kind") in {"text", "place", "organisation"}]
    kinds = {r["kind"] for r in reasons}
    if "text" in kinds or {"place", "organisation"} <= kinds:
        return reasons
    return None


def same_matter_suggest(*, case: Case, similar: list[dict[str, Any]]) -> int:
    """Store a suggestion for each earlier case closed after 复核 whose matter matches; answers already given
    are kept. Returns how many suggestions were added."""
    wanted = {int(m["case"]): m for m in similar if same_matter_reasons(m) is not None}
    if not wanted:
        return 0
    final = set(Case.objects.filter(pk__in=list(wanted), is_final_review=True).values_list("pk", flat=True))
    added = 0
    for earlier_id in final:
        match = wanted[earlier_id]
        link, created = SameMatterLink.objects.get_or_create(
            case=case, earlier_id=earlier_id,
            defaults={"score": float(match.get("score", 0)), "reasons": same_matter_reasons(match)},
        )
        if created:
            added += 1
            audit_record(actor=None, action="triage.same_matter_suggest", obj=link,
                         after={"case": case.pk, "earlier": earlier_id, "reasons": link.reasons})
    return added


DECIDE_ROLES = {Role.CENTER, Role.HANDLER, Role.LEADER, Role.ADMIN, ASSIGNEE}


def may_decide(user: User, case: Case) -> bool:
    """Those who handle the petition: center staff, its handler or assignee, a leader; not a grid worker."""
    return bool(roles_for_case(user, case) & DECIDE_ROLES)


@transaction.atomic
def same_matter_decide(*, link: SameMatterLink, acting_user: User, confirm: bool, note: str = "") -> SameMatterLink:
    """A staff member working on the new case answers the suggestion: the same facts and reasons (confirm) or
    not. The answer can be changed later; each one is audited and on the timeline."""
    locked = SameMatterLink.objects.select_for_update().select_related("case", "earlier").filter(pk=link.pk).first()
    if locked is None or not Case.objects.visible_to(acting_user).filter(pk=locked.case_id).exists():
        raise NotFoundError(_("未找到该建议。"))
    link = locked
    if not may_decide(acting_user, link.case):
        raise PermissionRefused(_("只有办理该信访事项的工作人员可以确认是否为同一事项（%(law)s）。") % {"law": LAW})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed(_("说明过长（最多2000字）。"), field_errors={"note": [_("过长")]})
    before = {"status": link.status, "decided_by": link.decided_by_id}
    link.status = SameMatterStatus.CONFIRMED if confirm else SameMatterStatus.REJECTED
    link.decided_by, link.decided_at, link.note = acting_user, timezone.now(), note
    link.save(update_fields=["status", "decided_by", "decided_at", "note"])
    if confirm:
        text = _("确认与 %(ref)s（已复核终结）为同一事实和理由（%(law)s）。") % {"ref": link.earlier.reference, "law": LAW}
    else:
        text = _("确认与 %(ref)s（已复核终结）不是同一事项。") % {"ref": link.earlier.reference}
    case_log_event(case=link.case, acting_user=acting_user,
              action="same_matter_confirm" if confirm else "same_matter_reject",
              note=f"{text} {note}".strip(), data={"earlier": link.earlier_id, "link": link.pk})
    audit_record(actor=acting_user, action="triage.same_matter_confirm" if confirm else "triage.same_matter_reject",
                 obj=link, before=before, after={"status": link.status, "note": note})
    return link
