"""The petition parts of the case page's step forms: the written answer (text, outcome, body, delivery) of the
answering steps and the received date and reviewing body of a 复查/复核 request (信访工作条例 第三十二条, 第三十五条,
第三十六条), and the form that records a delivery known only later."""
from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.models import Case, Transition
from fengqiao.cases.petition_choices import OUTCOMES_BY_KIND, AnswerOutcome, DeliveryMethod
from fengqiao.cases.selectors import departments_for_case
from fengqiao.cases.services.petition import PETITION_PROCESS, petition_detail_of, petition_kind_of
from fengqiao.cases.services.petition_answers import AnswerInput
from fengqiao.cases.services.review import (
    ReviewRequestInput,
    issuing_stage_of,
    request_stage_of,
    reviewing_bodies,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DELIVERY_CHOICES = [("", _("— 尚未送达（送达后再登记）—"))] + list(DeliveryMethod.choices)


def _delivery_fields(form: forms.Form) -> None:
    form.fields["delivery_method"] = forms.ChoiceField(label=_("送达方式"), choices=DELIVERY_CHOICES, required=False)
    form.fields["delivered_on"] = forms.DateField(
        label=_("信访人收到日期"), required=False, widget=DATE_INPUT,
        help_text=_("邮寄送达填回执签收日期。复查、复核的请求期限自这一天起算；尚不知道可稍后登记。"))
    form.fields["delivery_note"] = forms.CharField(label=_("送达说明（如邮件单号）"), required=False, max_length=300)


def add_petition_fields(form: forms.Form, case: Case, transition: Transition) -> None:
    """Add the petition fields `transition` needs to the step form (nothing for other steps)."""
    if "to_department" in form.fields:  # an accusation is never offered to the body it accuses (第三十条第三款)
        detail = petition_detail_of(case) if case.process.code == PETITION_PROCESS else None
        if detail is not None and detail.accused_department_id:
            field = form.fields["to_department"]
            field.queryset = field.queryset.exclude(pk=detail.accused_department_id)
    stage = issuing_stage_of(case, transition)
    if stage:
        outcomes = OUTCOMES_BY_KIND[petition_kind_of(case)]
        form.fields["answer_text"] = forms.CharField(
            label=_("答复正文"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
            help_text=_("载明投诉请求、事实和理由、处理意见及其依据（信访工作条例 第三十二条），出具前自动检查。"),
            error_messages={"required": _("请填写答复正文。")})
        form.fields["outcome"] = forms.ChoiceField(
            label=_("处理意见"), choices=[(o, AnswerOutcome(o).label) for o in outcomes], widget=forms.RadioSelect,
            error_messages={"required": _("请选择处理意见。")})
        form.fields["body"] = forms.ModelChoiceField(
            label=_("出具机关、单位"), queryset=departments_for_case(case=case), required=False,
            empty_label=_("— 默认：主办部门或复查/复核机关 —"))
        form.fields["override_note"] = forms.CharField(
            label=_("未通过检查仍出具的理由"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
        _delivery_fields(form)
        return
    stage = request_stage_of(transition)
    if stage:
        form.fields["received_on"] = forms.DateField(
            label=_("收到请求日期"), widget=DATE_INPUT, error_messages={"required": _("请填写收到请求的日期。")},
            help_text=_("期限自信访人收到答复之日起30日，以收到请求的日期判断是否逾期。"))
        form.fields["reviewing_body"] = forms.ModelChoiceField(
            label=_("复查机关、单位") if stage == "review" else _("复核机关、单位"),
            queryset=reviewing_bodies(case, stage), empty_label=_("— 请选择 —"),
            help_text=_("只列出可以办理的机关、单位：不含作出答复的机关、单位（信访工作条例 第三十五条、第三十六条）。"),
            error_messages={"required": _("请选择机关、单位。")})


def petition_inputs(data: dict[str, Any]) -> dict:
    """The service inputs from a step form's cleaned data (empty for steps without petition fields)."""
    inputs: dict = {}
    if "answer_text" in data:
        inputs["answer"] = AnswerInput(
            text=data.get("answer_text", ""), outcome=data.get("outcome", ""), body=data.get("body"),
            override_note=data.get("override_note", ""), delivery_method=data.get("delivery_method", ""),
            delivered_on=data.get("delivered_on"), delivery_note=data.get("delivery_note", ""))
    if "received_on" in data:
        inputs["review_request"] = ReviewRequestInput(received_on=data.get("received_on"), body=data.get("reviewing_body"))
    return inputs


class DeliveryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _delivery_fields(self)
        self.fields["delivery_method"].required = True
        self.fields["delivered_on"].required = True
