"""The kind of a petition (信访事项) and what it forbids: 建议意见类 (信访工作条例 第二十九条) is studied and answered
with no 复查/复核; 检举控告类 (第三十条) is never sent to the body or person it accuses (第三十条第三款)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.accounts.selectors import user_in_department
from fengqiao.cases.models import Case, PetitionDetail
from fengqiao.cases.petition_choices import PetitionKind
from fengqiao.core.errors import TransitionRefused
from fengqiao.regions.models import Department

PETITION_PROCESS = "petition"

ARTICLE_ACCUSED = _("信访工作条例 第三十条第三款")


@dataclass
class PetitionInput:
    """What registration records for a petition: its kind and, for an accusation, whom it accuses."""

    kind: str = PetitionKind.CLAIM
    accused_department: Department | None = None
    accused_user: User | None = None
    accused_name: str = ""

    @property
    def is_default(self) -> bool:
        return (self.kind == PetitionKind.CLAIM and self.accused_department is None and self.accused_user is None
                and not self.accused_name.strip())


def is_petition(case: Case) -> bool:
    return case.process.code == PETITION_PROCESS


def petition_detail_of(case: Case) -> PetitionDetail | None:
    return PetitionDetail.objects.filter(case_id=case.pk).select_related("accused_department", "accused_user").first()


def petition_kind_of(case: Case) -> str:
    """The kind recorded at registration; a petition registered before kinds were recorded is a 申诉求决 matter."""
    detail = petition_detail_of(case)
    return detail.kind if detail else PetitionKind.CLAIM


def validate_petition_input(data: PetitionInput | None, *, process_code: str) -> dict[str, list[str]]:
    """Field errors of the petition part of a registration (empty when it is right)."""
    if data is None or data.is_default:
        return {}
    errors: dict[str, list[str]] = {}
    if process_code != PETITION_PROCESS:
        return {"petition_kind": [_("只有信访事项登记信访事项类别和被检举控告的对象。")]}
    if data.kind not in PetitionKind.values:
        errors["petition_kind"] = [_("未知的信访事项类别。")]
    if len(data.accused_name or "") > 200:
        errors["accused_name"] = [_("过长（最多200字）。")]
    accuses = data.accused_department or data.accused_user or (data.accused_name or "").strip()
    if data.kind == PetitionKind.ACCUSATION and not accuses:
        errors["accused_name"] = [
            _("检举控告类信访事项须登记被检举控告的单位或人员，以免转给被检举控告的对象（%(article)s）。")
            % {"article": ARTICLE_ACCUSED}
        ]
    if data.kind != PetitionKind.ACCUSATION and accuses:
        errors["accused_name"] = [_("只有检举控告类信访事项登记被检举控告的对象。")]
    return errors


def petition_record(*, case: Case, data: PetitionInput | None) -> PetitionDetail | None:
    """Store the petition part of a registration (called by case_create once the case exists)."""
    if not is_petition(case):
        return None
    data = data or PetitionInput()
    return PetitionDetail.objects.create(
        case=case, kind=data.kind, accused_department=data.accused_department, accused_user=data.accused_user,
        accused_name=(data.accused_name or "").strip(),
    )


def check_not_accused(case: Case, *, to_user: User | None = None, to_department: Department | None = None,
                      step: str = "") -> None:
    """Refuse to send an accusation to the body it accuses, to the person it accuses, or to a member of the
    accused body (信访工作条例 第三十条第三款)."""
    if not is_petition(case):
        return
    detail = petition_detail_of(case)
    if detail is None or detail.kind != PetitionKind.ACCUSATION:
        return
    accused_department = detail.accused_department
    hit = None
    if to_department is not None and accused_department is not None and to_department.pk == accused_department.pk:
        hit = str(to_department)
    elif to_user is not None and detail.accused_user_id and to_user.pk == detail.accused_user_id:
        hit = str(to_user)
    elif to_user is not None and accused_department is not None and user_in_department(to_user, accused_department):
        hit = _("%(user)s（%(department)s）") % {"user": to_user, "department": accused_department}
    if hit:
        raise TransitionRefused(
            _("%(article)s：不得将检举、揭发材料以及有关情况透露或者转给被检举、揭发的人员或者单位。"
              "本事项检举控告的是“%(accused)s”，不能%(step)s给“%(target)s”。")
            % {"article": ARTICLE_ACCUSED, "accused": accused_department or detail.accused_user or detail.accused_name,
               "step": step or _("交办"), "target": hit},
        )


AnswerChecker = Callable[[Case, str, dt.datetime | None], dict]
_answer_checker: list[AnswerChecker] = []


def register_answer_checker(checker: AnswerChecker) -> None:
    """The app that checks written answers (replies) registers its check here: the cases layer runs it on every
    written answer, 复查 and 复核 opinion without importing the layer above. The checker returns
    {"passed": bool, "failed": [titles], "result": json}."""
    _answer_checker[:] = [checker]


def check_answer_text(case: Case, text: str, now: dt.datetime | None = None) -> dict | None:
    """The registered check of an answer issued at `now` (the moment the step is taken; the present by default)."""
    return _answer_checker[0](case, text, now) if _answer_checker else None


def ensure_kind_allows_review(case: Case, action_name: str) -> None:
    """建议意见类 matters are studied and answered (第二十九条); 复查 and 复核 (第三十五条, 第三十六条) are for a
    petitioner who does not accept a 信访处理意见."""
    if petition_kind_of(case) == PetitionKind.SUGGESTION:
        raise TransitionRefused(
            _("建议意见类信访事项按信访工作条例 第二十九条 研究论证并予以回复，不适用第三十五条、第三十六条的复查、复核，"
              "不能“%(action)s”。") % {"action": action_name}
        )
