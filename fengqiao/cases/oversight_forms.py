"""Forms of the case page for joint handling, supervision, 领导包案, 上报 and paused clocks.
They check shapes; the services decide what is allowed and valid."""
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.cases.forms import UserChoiceField, VersionedForm
from fengqiao.cases.models import Assignment, Case
from fengqiao.cases.selectors import departments_for_case, users_for_case
from fengqiao.cases.services.clock import pause_grounds_for
from fengqiao.regions.models import Department

TEXTAREA = {"rows": 2}
LOCAL_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

class CoTaskDoneForm(VersionedForm):
    result = forms.CharField(label=_("办理结果"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("请填写办理结果。")})

class CoTaskWaiveForm(VersionedForm):
    reason = forms.CharField(label=_("免除理由"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("请填写免除理由。")})

class JointMeetingForm(VersionedForm):
    held_at = forms.DateTimeField(label=_("会议时间"), widget=LOCAL_DATETIME,
                                  error_messages={"required": _("请填写会议时间。")})
    place = forms.CharField(label=_("会议地点"), max_length=200)
    chaired_by = forms.CharField(label=_("主持人"), max_length=100)
    departments = forms.ModelMultipleChoiceField(label=_("参会部门"), queryset=Department.objects.none(), required=False,
                                                 widget=forms.SelectMultiple(attrs={"size": 5}))
    other_attendees = forms.CharField(label=_("其他参会单位或人员"), max_length=500, required=False,
                                      help_text=_("例如：物业公司、施工总包单位、当事人代表"))
    minutes = forms.CharField(label=_("会议纪要"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}))
    decisions = forms.CharField(label=_("议定事项"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("各单位分工和完成时限"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments_for_case(case=case)

class SupervisionForm(forms.Form):
    target = forms.ChoiceField(label=_("督办对象"))
    reason = forms.CharField(label=_("督办事由"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("请填写督办事由。")})
    reply_days = forms.IntegerField(label=_("书面回复期限（工作日）"), min_value=1, max_value=30, initial=3)

    def __init__(self, *args: Any, case: Case, co_tasks: list[Assignment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = " · ".join(str(p) for p in (case.lead_department, case.lead_user) if p is not None)
        choices = [("lead", _("主办：%(who)s") % {"who": lead})] if lead else []
        choices += [(str(t.pk), _("协办：%(who)s") % {"who": t.handler_label}) for t in co_tasks]
        self.fields["target"].choices = choices

    def assignment_id(self) -> int | None:
        target = self.cleaned_data.get("target") or "lead"
        return None if target == "lead" else int(target)

class SupervisionReplyForm(forms.Form):
    reply = forms.CharField(label=_("书面回复"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("请填写书面回复。")})

class SupervisionCloseForm(forms.Form):
    note = forms.CharField(label=_("销号说明"), max_length=5000, required=False, widget=forms.Textarea(attrs=TEXTAREA))

class LeaderCaseForm(VersionedForm):
    leader = UserChoiceField(label=_("包案领导"), queryset=User.objects.none(), empty_label=_("— 请选择领导 —"),
                             error_messages={"required": _("请选择包案领导。")})
    note = forms.CharField(label=_("包案说明"), max_length=5000, required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = users_for_case(case=case).filter(
            memberships__role=Role.LEADER, memberships__is_active=True
        ).distinct()

class LeaderReleaseForm(forms.Form):
    note = forms.CharField(label=_("结束说明"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA),
                           error_messages={"required": _("请填写结束包案的说明。")})

class EscalationForm(VersionedForm):
    reason = forms.CharField(label=_("上报理由"), max_length=5000, widget=forms.Textarea(attrs=TEXTAREA),
                             error_messages={"required": _("请填写上报理由。")})

class ClockPauseForm(VersionedForm):
    ground = forms.ChoiceField(label=_("法定事由"), required=False,
                               help_text=_("只列出本环节依法可以不计入期限的事由"))
    reason = forms.CharField(label=_("暂停说明"), max_length=2000, widget=forms.Textarea(attrs=TEXTAREA),
                             help_text=_("例如：某月某日组织复核听证"),
                             error_messages={"required": _("请填写暂停计时的理由。")})
    paused_at = forms.DateTimeField(label=_("暂停时间"), required=False, widget=LOCAL_DATETIME,
                                    help_text=_("留空表示现在；听证已开始的，填写开始时间。"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grounds = pause_grounds_for(case.state_id)
        self.fields["ground"].choices = [("", _("— 请选择法定事由 —"))] + [
            (g.code, f"{g.name}（{g.legal_basis}）") for g in grounds]

class ClockResumeForm(VersionedForm):
    note = forms.CharField(label=_("恢复说明"), max_length=2000, required=False, widget=forms.Textarea(attrs=TEXTAREA))
    resumed_at = forms.DateTimeField(label=_("恢复时间"), required=False, widget=LOCAL_DATETIME,
                                     help_text=_("留空表示现在；听证已结束的，填写结束时间。"))
