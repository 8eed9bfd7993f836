"""Forms of the mediation pages. They check shapes; the services decide what is allowed and valid."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.intake.choices import Channel as IntakeChannel
from fengqiao.mediation.choices import (
    Channel,
    ConfirmationResult,
    CourtReferralKind,
    PerformanceResult,
    Route,
    SessionOutcome,
)
from fengqiao.mediation.models import Mediation, MediationSession, Mediator, Organisation
from fengqiao.mediation.ranking import Suggestion
from fengqiao.mediation.selectors import (
    court_centres_for_case,
    mediators_for_case,
    organisations_for_case,
    staff_for_case,
)
from fengqiao.mediation.services.agreement import InstalmentInput
from fengqiao.mediation.services.court_referral import CourtReferralInput

RETURN_CHOICES = [("case", "case"), ("mediation", "mediation")]
DATE_INPUT = {"type": "date"}
ISO_DATE = "%Y-%m-%d"
_INSTALMENT_LINE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s*[，,：:\s]\s*(.+?)\s*$")


class ActionForm(forms.Form):
    """Every action form says where to go back to after success: the case page or the mediation page."""

    return_to = forms.ChoiceField(choices=RETURN_CHOICES, widget=forms.HiddenInput, required=False, initial="case")


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_role_display()}）"


class PartyMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_role_display()}）"


class StaffMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name}（{obj.get_kind_display()}）"


class MediatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Mediator) -> str:
        return f"{obj.name} · {obj.organisation.name}"


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    # A date input takes only ISO dates: the locale's format (2026/09/01 in Chinese) would leave it empty.
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs=DATE_INPUT, format=ISO_DATE),
                           help_text=help_text)


COURT_FIELDS = ("court_referral_kind", "court_name", "court_received_on", "court_applied_on")


class StartForm(ActionForm):
    channel = forms.ChoiceField(label=_("调解方式"), choices=Channel.choices, initial=Channel.PEOPLE)
    organisation = OrganisationChoiceField(label=_("调解组织"), queryset=Organisation.objects.none(), empty_label="—")
    mediator = MediatorChoiceField(label=_("调解员（可稍后指派）"), queryset=Mediator.objects.none(), required=False,
                                   empty_label="—")
    applied_on = _date_field(_("申请（受理）调解日期"))
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    # 法院委派/委托调解 (optional): the court sent the dispute here.
    court_referral_kind = forms.ChoiceField(label=_("法院委派/委托类型"), required=False,
                                            choices=[("", _("否（非法院委派/委托）")), *CourtReferralKind.choices])
    court_name = forms.CharField(label=_("委派/委托法院"), required=False, max_length=100)
    court_received_on = _date_field(_("收到委派/委托日期"), required=False,
                                    help_text=_("应在三个工作日内确认接受（人民法院在线调解规则第十二条）"))
    court_applied_on = _date_field(_("当事人向法院申请日期（可选）"), required=False,
                                   help_text=_("填写后显示法院是否在三个工作日内委派"))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("applied_on", timezone.localdate())
        if case.channel == IntakeChannel.COURT:
            initial.setdefault("court_referral_kind", CourtReferralKind.PRE_FILING)
            initial.setdefault("court_received_on", timezone.localtime(case.received_at).date())
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for_case(case=case)
        self.fields["mediator"].queryset = mediators_for_case(case=case)

    @property
    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The mediation's own fields, then the optional court referral in a fieldset of its own."""
        visible = [f for f in self.visible_fields() if f.name not in COURT_FIELDS]
        return [("", visible), (str(_("法院委派/委托调解（可选）")), [self[name] for name in COURT_FIELDS])]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("court_referral_kind") and any(data.get(name) for name in COURT_FIELDS[1:]):
            self.add_error("court_referral_kind", _("填写了法院委派信息的，请选择委派/委托类型；不是法院委派的，请清空这些内容。"))
        return data

    def court_referral(self) -> CourtReferralInput | None:
        data = self.cleaned_data
        if not data.get("court_referral_kind"):
            return None
        return CourtReferralInput(kind=data["court_referral_kind"], court_name=data.get("court_name", ""),
                                  received_on=data.get("court_received_on"), applied_on=data.get("court_applied_on"))


class CourtAcceptanceForm(ActionForm):
    accepted_on = _date_field(_("确认接受日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("accepted_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class AssignMediatorForm(ActionForm):
    mediator = forms.ModelChoiceField(label=_("调解员"), queryset=Mediator.objects.none(), empty_label="—")
    reason = forms.CharField(label=_("指派理由（可选）"), required=False, max_length=200)

    def __init__(self, *args: Any, mediation: Mediation, suggestions: list[Suggestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mediator"]
        field.queryset = mediators_for_case(case=mediation.case)
        # Ranked suggestions first, each with its score; then every other mediator of the county.
        ranked = [(s.mediator.pk, _("%(name)s · %(org)s · 得分 %(score)d") % {
            "name": s.mediator.name, "org": s.mediator.organisation.name, "score": s.score}) for s in suggestions]
        ranked_ids = {pk for pk, _label in ranked}
        others = [(m.pk, f"{m.name} · {m.organisation.name}") for m in field.queryset if m.pk not in ranked_ids]
        field.choices = [("", "—"), *ranked, *others]
        if suggestions and not self.is_bound:
            self.initial.setdefault("mediator", suggestions[0].mediator.pk)


class RefusalForm(ActionForm):
    party = PartyChoiceField(label=_("拒绝调解的当事人"), queryset=None, empty_label="—")
    refused_on = _date_field(_("拒绝日期"))
    note = forms.CharField(label=_("拒绝情况"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("refused_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = case.parties.all()


class PeriodForm(ActionForm):
    until = _date_field(_("约定的调解期限（截止日）"))
    consent = forms.CharField(label=_("当事人约定或同意延长的情况"), max_length=300,
                              help_text=_("例如：双方当事人于某日书面同意延长调解至某日"))


class SessionForm(ActionForm):
    scheduled_at = forms.DateTimeField(label=_("调解时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                                   format="%Y-%m-%dT%H:%M"))
    place = forms.CharField(label=_("调解地点"), max_length=200)
    parties = PartyMultipleField(label=_("参加的当事人"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False)
    staff = StaffMultipleField(label=_("参加的工作人员（将收到提醒）"), queryset=User.objects.none(), required=False,
                               widget=forms.SelectMultiple(attrs={"size": 4}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = case.parties.all()
        self.fields["staff"].queryset = staff_for_case(case=case)
        if not self.is_bound:
            self.initial.setdefault("parties", [p.pk for p in case.parties.all()])


class MinutesForm(ActionForm):
    held_at = forms.DateTimeField(label=_("实际举行时间（留空为安排时间）"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    outcome = forms.ChoiceField(label=_("结果"), choices=SessionOutcome.choices, widget=forms.RadioSelect)
    attended_parties = PartyMultipleField(label=_("到场当事人"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                          required=False)
    attended_staff = StaffMultipleField(label=_("到场工作人员"), queryset=User.objects.none(), required=False,
                                        widget=forms.SelectMultiple(attrs={"size": 4}))
    minutes = forms.CharField(label=_("调解记录"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, session: MediationSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = session.mediation.case
        self.fields["attended_parties"].queryset = case.parties.all()
        self.fields["attended_staff"].queryset = staff_for_case(case=case)
        if not self.is_bound:
            self.initial.setdefault("attended_parties", [p.pk for p in session.party_participants.all()])
            self.initial.setdefault("attended_staff", [u.pk for u in session.staff_participants.all()])


class CancelSessionForm(ActionForm):
    reason = forms.CharField(label=_("取消原因"), max_length=300)


def parse_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class AgreementForm(ActionForm):
    facts = forms.CharField(label=_("纠纷事实"), max_length=20000, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("纠纷的主要事实、争议事项以及各方当事人的责任"))
    terms = forms.CharField(label=_("协议内容（每行一条，自动编号）"), required=False, max_length=60000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    performance_method = forms.CharField(label=_("履行方式"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    performance_deadline = _date_field(_("履行期限"), required=False, help_text=_("一次履行的，填写此日期即可"))
    instalments = forms.CharField(
        label=_("分期履行（每行一期：日期 内容）"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "2026-10-15 支付第一期款项5000元"}),
    )

    def clean_terms(self) -> list[str]:
        return parse_lines(self.cleaned_data.get("terms", ""))

    def clean_instalments(self) -> list[InstalmentInput]:
        items = []
        for number, line in enumerate(parse_lines(self.cleaned_data.get("instalments", "")), start=1):
            match = _INSTALMENT_LINE.match(line)
            try:
                due_on = dt.date.fromisoformat("-".join(f"{int(x):02d}" for x in match.group(1).split("-"))) if match else None
            except ValueError:
                due_on = None
            if due_on is None:
                raise forms.ValidationError(
                    _("第%(n)d行格式不对：请写成“2026-10-15 支付第一期款项”。") % {"n": number}, code="instalment"
                )
            items.append(InstalmentInput(due_on=due_on, description=match.group(2)))
        return items

    @classmethod
    def initial_from(cls, agreement: Any) -> dict:
        if agreement is None:
            return {}
        instalments = list(agreement.instalments.all())
        single = len(instalments) == 1 and instalments[0].due_on == agreement.performance_deadline
        return {
            "facts": agreement.facts, "terms": "\n".join(agreement.terms), "performance_method": agreement.performance_method,
            "performance_deadline": agreement.performance_deadline,
            "instalments": "" if single else "\n".join(f"{i.due_on.isoformat()} {i.description}" for i in instalments),
        }


class SignForm(ActionForm):
    signed_on = _date_field(_("各方签署、加盖印章的日期（生效日期）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("signed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class ConfirmationForm(ActionForm):
    applied_on = _date_field(_("申请日期"))
    court = forms.CharField(label=_("受理法院"), max_length=100)
    result = forms.ChoiceField(label=_("结果"), choices=ConfirmationResult.choices, initial=ConfirmationResult.PENDING)
    result_on = _date_field(_("裁定日期"), required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class CheckForm(ActionForm):
    result = forms.ChoiceField(label=_("履行情况"), choices=PerformanceResult.choices, widget=forms.RadioSelect)
    checked_on = _date_field(_("回访日期"))
    note = forms.CharField(label=_("回访情况"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("未履行或部分履行的，请写明情况"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("checked_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class FailForm(ActionForm):
    reason = forms.CharField(label=_("调解不成的原因"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    routes = forms.MultipleChoiceField(label=_("已告知当事人的途径（人民调解法第二十六条）"), choices=Route.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False, initial=list(Route.values))
    refer_to_court = forms.BooleanField(label=_("诉调对接：移送人民法院诉前调解"), required=False)
    court_organisation = OrganisationChoiceField(label=_("法院诉调对接中心"), queryset=Organisation.objects.none(),
                                                 required=False, empty_label="—")
    court_name = forms.CharField(label=_("或填写法院名称"), required=False, max_length=100)
    court_accepted_on = _date_field(_("法院委派（受理）日期"), required=False, help_text=_("诉前调解期限自此日起算"))

    def __init__(self, *args: Any, case: Case, court_entrusted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court_organisation"].queryset = court_centres_for_case(case=case)
        if court_entrusted:  # it goes back to the court that sent it: no second referral (services/failure.py)
            for name in ("refer_to_court", "court_organisation", "court_name", "court_accepted_on"):
                del self.fields[name]


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=50,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("组织、调解员或区划")}))
    kind = forms.ChoiceField(label=_("类型"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from fengqiao.mediation.choices import OrganisationKind

        self.fields["kind"].choices = [("", "—"), *OrganisationKind.choices]
