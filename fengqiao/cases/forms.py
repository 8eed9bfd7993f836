"""Forms of the staff pages. They check shapes; the services decide what is allowed and valid."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.models import User
from fengqiao.cases.choices import DeadlineUnit, PartyKind, PartyRole, RemedyRoute, StateKind, Urgency
from fengqiao.cases.deadlines import clock_for
from fengqiao.cases.list_filters import MAX_QUERY_LENGTH, CaseFilters, PersonKeyField
from fengqiao.cases.models import Case, Category, DisputeType, Process, State
from fengqiao.cases.petition_choices import PetitionKind
from fengqiao.cases.selectors import departments_for_case, state_filter_choices, users_for_case
from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.cases.services.create import CaseInput, PartyInput
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.refusals import notice_channels
from fengqiao.core.errors import ServiceError
from fengqiao.core.widgets import PlainSelect
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Department, Region

MAX_PARTY_ROWS = 60
PARTY_PREFIX = "parties"
_PARTY_KEY = re.compile(r"^parties\[(\d+)\]\.(\w+)$")
_ATTACHMENT_KEY = re.compile(r"^attachments\[(\d+)\]$")


def _indented(name: str, level: int) -> str:
    return "\u3000" * (level - 1) + name


class RegionChoiceIterator(ModelChoiceIterator):
    """Region options straight from (id, name, level) rows: a select of a county's two hundred regions needs
    no model objects."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, level in self.queryset.values_list("pk", "name", "level"):
            yield (ModelChoiceIteratorValue(pk, None), _indented(name, level))


class RegionChoiceField(forms.ModelChoiceField):
    """Regions indented by level so the tree reads in a flat select."""

    iterator = RegionChoiceIterator

    def label_from_instance(self, obj: Region) -> str:
        return _indented(obj.name, obj.level)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


def add_service_errors(form: forms.Form, error: ServiceError, *, prefixes: dict[str, str] | None = None) -> None:
    """Put a service's message at the top of the form and its field errors next to the fields it names.
    `prefixes` maps a service key prefix to a form field ("attachments" -> "files" for "attachments[1]")."""
    form.add_error(None, str(error.message))
    for key, messages in (error.field_errors or {}).items():
        name = key if key in form.fields else None
        if name is None:
            name = next((f for prefix, f in (prefixes or {}).items() if key.startswith(prefix) and f in form.fields), None)
        if name is not None:
            form.add_error(name, [str(m) for m in messages])


# ---------------------------------------------------------------- list filters


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False, max_length=MAX_QUERY_LENGTH,
                        widget=forms.TextInput(attrs={"placeholder": _("当事人姓名、电话、证件号，工单号、案件编号、查询码或标题内容"),
                                                      "type": "search"}))
    # A phone or ID number typed in the search box comes back as its key (the number is not echoed in the page).
    person = PersonKeyField(widget=forms.HiddenInput)
    state = forms.ChoiceField(label=_("状态"), required=False, widget=PlainSelect)
    process = forms.ModelChoiceField(label=_("流程"), queryset=Process.objects.order_by("id"), required=False, empty_label="—",
                                     widget=PlainSelect)
    category = forms.ModelChoiceField(label=_("诉求类别"), queryset=Category.objects.filter(is_active=True), required=False,
                                      empty_label="—", widget=PlainSelect)
    dispute_type = forms.ModelChoiceField(label=_("纠纷类型"), queryset=DisputeType.objects.all(), required=False,
                                          empty_label="—", widget=PlainSelect)
    region = RegionChoiceField(label=_("区划（含下级）"), queryset=Region.objects.none(), required=False, empty_label="—",
                               widget=PlainSelect)
    channel = forms.ChoiceField(label=_("来源渠道"), required=False, choices=[("", "—"), *Channel.choices],
                                widget=PlainSelect)
    department = forms.ModelChoiceField(label=_("主办部门"), queryset=Department.objects.filter(is_active=True),
                                        required=False, empty_label="—", widget=PlainSelect)
    received_from = forms.DateField(label=_("收到日期自"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    received_to = forms.DateField(label=_("收到日期至"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    overdue = forms.BooleanField(label=_("仅看超期"), required=False)

    def __init__(self, *args: Any, regions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = state_filter_choices()
        if regions is not None:
            self.fields["region"].queryset = regions

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("结束日期不能早于开始日期。"))
        return cleaned

    def to_filters(self) -> CaseFilters:
        data = self.cleaned_data
        filters = CaseFilters(
            process=data.get("process"), category=data.get("category"), dispute_type=data.get("dispute_type"),
            region=data.get("region"), department=data.get("department"), channel=data.get("channel") or "",
            overdue=True if data.get("overdue") else None,
            received_from=data.get("received_from"), received_to=data.get("received_to"), text=(data.get("q") or "").strip(),
            person=data.get("person") or "",
        )
        state = data.get("state") or ""
        if state.startswith("kind:") and state[5:] in StateKind.values:
            filters.state_kind = state[5:]
        elif state.startswith("state:") and state[6:].isdigit():
            filters.state = State.objects.filter(pk=int(state[6:])).first()
        return filters


# ---------------------------------------------------------------- actions on a case


class VersionedForm(forms.Form):
    """Every write form carries the version of the case the user saw, so a stale edit is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                 error_messages={"required": _("缺少版本信息，请刷新页面后重试。")})


class TransitionForm(VersionedForm):
    note = forms.CharField(label=_("办理意见"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    public_note = forms.CharField(label=_("告知群众的说明（可选）"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    to_department = forms.ModelChoiceField(label=_("承办部门"), queryset=Department.objects.none(), required=False,
                                           empty_label=_("— 请选择部门 —"))
    to_user = UserChoiceField(label=_("承办人（可选）"), queryset=User.objects.none(), required=False, empty_label="—")
    due_on = forms.DateField(label=_("本环节期限（可选）"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                             help_text=_("留空则按时限规则计算；只能早于规则规定的期限。"))
    channel = forms.ChoiceField(label=_("告知的途径"), required=False)
    channel_detail = forms.CharField(label=_("具体去向（机关、单位或途径）"), required=False, max_length=300)
    routes = forms.MultipleChoiceField(label=_("已告知当事人的途径（人民调解法第二十六条）"), choices=RemedyRoute.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args: Any, case: Case, needs_target: bool = False, needs_routes: bool = False,
                 notice_kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not needs_routes:
            del self.fields["routes"]
        if needs_target:
            self.fields["to_department"].queryset = departments_for_case(case=case)
            self.fields["to_user"].queryset = users_for_case(case=case)
        else:
            del self.fields["to_department"]
            del self.fields["to_user"]
            del self.fields["due_on"]
        if notice_kind:  # a refusal or redirection: the service requires the channel and writes the 告知书
            self.fields["channel"].choices = [("", _("— 请选择 —"))] + [
                (c.code, f"{c.name}（{c.legal_basis}）" if c.legal_basis else c.name)
                for c in notice_channels(kind=notice_kind)]
        else:
            del self.fields["channel"]
            del self.fields["channel_detail"]


def explain_rule_due(field: forms.Field, *, case: Case, state: State) -> None:
    """Say on the form, before saving, which day the rule gives the step a 交办 leads to and on what basis (the
    case's own county rule where it has one: cases.deadlines.rule_for), and offer no later day in the picker.
    The rule depends on the case and the step only, not on the department chosen."""
    clock = clock_for(case=case, state=state, entered_at=timezone.now())
    if clock.due_at is None or clock.rule is None:
        field.help_text = _("“%(state)s”环节没有时限规则，无需设定期限。") % {"state": state.name}
        field.disabled = True
        return
    limit = timezone.localtime(clock.due_at).date()
    field.help_text = _("按规则为 %(date)s（%(basis)s）。可选更早的日期，不能晚于该日期；留空按规则计算。") % {
        "date": limit.isoformat(), "basis": clock.rule.legal_basis or str(clock.rule)}
    field.widget.attrs.update(max=limit.isoformat(), min=timezone.localdate().isoformat())


class CoHandlerForm(VersionedForm):
    to_department = forms.ModelChoiceField(label=_("协办部门"), queryset=Department.objects.none(), required=False,
                                           empty_label=_("— 请选择部门 —"))
    to_user = UserChoiceField(label=_("协办人（可选）"), queryset=User.objects.none(), required=False, empty_label="—")
    task = forms.CharField(label=_("协办任务"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("协办单位须完成的工作，例如：核查施工许可和工资保证金"))
    due_days = forms.IntegerField(label=_("协办期限"), required=False, min_value=1, max_value=365,
                                  help_text=_("留空则与本环节期限相同"))
    due_unit = forms.ChoiceField(label=_("期限单位"), choices=DeadlineUnit.choices, initial=DeadlineUnit.WORKING_DAYS,
                                 required=False)
    note = forms.CharField(label=_("交办意见"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_department"].queryset = departments_for_case(case=case)
        self.fields["to_user"].queryset = users_for_case(case=case)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("to_department") and not cleaned.get("to_user"):
            self.add_error("to_department", _("请选择协办部门或协办人。"))
        return cleaned


class NoteForm(VersionedForm):
    VISIBILITY = [("internal", _("内部记录")), ("public", _("对群众公开"))]

    note = forms.CharField(label=_("内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("请填写内容。")})
    visibility = forms.ChoiceField(label=_("可见范围"), choices=VISIBILITY, initial="internal", widget=forms.RadioSelect)


class ExtensionRequestForm(forms.Form):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=365)
    reason = forms.CharField(label=_("延期理由（将告知当事人）"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("请填写延期理由。")})


class ExtensionDecisionForm(forms.Form):
    DECISIONS = [("approve", _("批准")), ("refuse", _("不批准"))]

    decision = forms.ChoiceField(label=_("审批结果"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("审批意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("请填写审批意见（将告知申请人）。")})


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看理由"), max_length=200,
                             widget=forms.TextInput(attrs={"placeholder": _("例如：电话联系当事人安排调解")}),
                             error_messages={"required": _("请说明查看完整信息的理由。")})


# ---------------------------------------------------------------- files


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the service (size, type by content)."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        if self.required and not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [item for item in items if item]


def read_uploads(files: list[UploadedFile]) -> list[AttachmentInput]:
    """Read uploaded files for the service; a file over the limit is read only far enough to be refused."""
    limit = settings.FENGQIAO_MAX_UPLOAD_BYTES
    items = []
    for upload in files:
        content = upload.read(limit + 1)
        items.append(AttachmentInput(name=upload.name or "", content=content))
    return items


class AttachmentUploadForm(forms.Form):
    files = MultipleFileField(label=_("上传附件"), required=True,
                              help_text=_("图片、PDF、Word、Excel 或音视频文件，每个不超过 10 MB。"))


# ---------------------------------------------------------------- registering a case


class CaseCreateForm(forms.Form):
    process = forms.ModelChoiceField(label=_("流程"), queryset=Process.objects.order_by("id"), empty_label=None)
    channel = forms.ChoiceField(label=_("来源渠道"), choices=Channel.choices, initial=Channel.VISIT)
    title = forms.CharField(label=_("标题"), max_length=200)
    narrative = forms.CharField(
        label=_("诉求内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=settings.FENGQIAO_MAX_NARRATIVE_CHARS,
        help_text=_("请客观记录诉求、事实经过和当事人的要求。"),
        error_messages={"max_length": _("诉求内容过长（最多 %(limit_value)d 字，现为 %(show_value)d 字），请精简或作为附件上传。")},
    )
    region = RegionChoiceField(label=_("所在区划"), queryset=Region.objects.none(), empty_label=_("— 请选择 —"))
    address = forms.CharField(label=_("详细地址"), max_length=300, required=False)
    latitude = forms.DecimalField(label=_("纬度"), required=False, max_digits=9, decimal_places=6,
                                  min_value=-90, max_value=90)
    longitude = forms.DecimalField(label=_("经度"), required=False, max_digits=9, decimal_places=6,
                                   min_value=-180, max_value=180)
    category = forms.ModelChoiceField(label=_("诉求类别"), queryset=Category.objects.filter(is_active=True), required=False,
                                      empty_label="—", widget=PlainSelect)
    dispute_type = forms.ModelChoiceField(label=_("纠纷类型"), queryset=DisputeType.objects.all(), required=False,
                                          empty_label="—", widget=PlainSelect)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    external_ref = forms.CharField(label=_("工单号（外部编号）"), max_length=64, required=False,
                                   help_text=_("热线、网格或上级转来的工单编号；可在案件列表中按此号查找。"))
    received_at = forms.DateTimeField(label=_("收到时间"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                      help_text=_("留空表示现在。"))
    party_count = forms.IntegerField(label=_("当事人数"), required=False, min_value=1, max_value=100000,
                                     help_text=_("群体性纠纷填写实际人数；留空按下方填写的当事人计。"))
    attachments = MultipleFileField(label=_("附件"), required=False,
                                    help_text=_("图片、PDF、Word、Excel 或音视频文件，每个不超过 10 MB。"))
    # Petitions only (信访工作条例 第二十九条 to 第三十一条).
    petition_kind = forms.ChoiceField(label=_("信访事项类别（仅信访事项）"), choices=PetitionKind.choices,
                                      initial=PetitionKind.CLAIM, required=False)
    accused_department = forms.ModelChoiceField(
        label=_("被检举控告的单位（检举控告类）"), queryset=Department.objects.filter(is_active=True), required=False,
        empty_label="—", help_text=_("检举控告材料不得转给被检举控告的单位或人员（信访工作条例 第三十条第三款）。"))
    accused_name = forms.CharField(label=_("被检举控告的人员或单位（检举控告类）"), max_length=200, required=False)

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if not self.is_bound:
            self.initial.setdefault("received_at", timezone.localtime().replace(second=0, microsecond=0))


class PartyForm(forms.Form):
    name = forms.CharField(label=_("姓名/名称"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("身份"), choices=PartyRole.choices, initial=PartyRole.APPLICANT)
    kind = forms.ChoiceField(label=_("类型"), choices=PartyKind.choices, initial=PartyKind.PERSON)
    id_number = forms.CharField(label=_("身份证号/统一社会信用代码"), max_length=30, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    address = forms.CharField(label=_("住址"), max_length=300, required=False)


class BasePartyFormSet(forms.BaseFormSet):
    """Rows of parties: the first defaults to an applicant, the others to respondents; blank rows are ignored."""

    def get_form_kwargs(self, index: int | None) -> dict:
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= len(self.initial or []):
            kwargs["initial"] = {"role": PartyRole.APPLICANT if index == 0 else PartyRole.RESPONDENT}
        return kwargs


PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=2, max_num=MAX_PARTY_ROWS,
                                     absolute_max=MAX_PARTY_ROWS)


def party_formset(data: Any = None, *, rows: int = 2, initial: list[dict] | None = None) -> forms.BaseFormSet:
    """A bound formset from POST data, or an empty one of `rows` rows (optionally pre-filled from `initial`)."""
    if data is not None:
        return PartyFormSet(data, prefix=PARTY_PREFIX)
    formset = PartyFormSet(prefix=PARTY_PREFIX, initial=initial or None)
    formset.extra = max(rows - len(initial or []), 0)
    return formset


def party_rows_from_post(data: Any, *, add: int = 0) -> tuple[list[dict], int]:
    """The party rows typed so far (to show them again unbound, without errors) and the row count wanted."""
    try:
        total = int(data.get(f"{PARTY_PREFIX}-TOTAL_FORMS", 2))
    except (TypeError, ValueError):
        total = 2
    total = max(1, min(total, MAX_PARTY_ROWS))
    keys = ("name", "role", "kind", "id_number", "phone", "address")
    rows = [{k: data.get(f"{PARTY_PREFIX}-{i}-{k}", "") for k in keys} for i in range(total)]
    return rows, min(total + add, MAX_PARTY_ROWS)


def filled_party_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """The rows the user touched (untouched rows are ignored); the service checks their content."""
    return [f for f in formset.forms if f.has_changed()]


def build_case_input(form: CaseCreateForm, party_forms: list[forms.Form], uploads: list[AttachmentInput]) -> CaseInput:
    data = form.cleaned_data
    parties = [PartyInput(**{k: f.cleaned_data.get(k) or "" for k in ("name", "role", "kind", "id_number", "phone", "address")})
               for f in party_forms]
    latitude, longitude = data.get("latitude"), data.get("longitude")
    return CaseInput(
        process=data["process"], channel=data["channel"], title=data["title"], narrative=data["narrative"],
        region=data["region"], parties=parties, address=data.get("address") or "",
        latitude=float(latitude) if latitude is not None else None,
        longitude=float(longitude) if longitude is not None else None,
        category=data.get("category"), dispute_type=data.get("dispute_type"), urgency=data["urgency"],
        party_count=data.get("party_count"), received_at=data.get("received_at"), attachments=uploads,
        external_ref=data.get("external_ref") or "",
        petition=PetitionInput(kind=data.get("petition_kind") or PetitionKind.CLAIM,
                               accused_department=data.get("accused_department"),
                               accused_name=data.get("accused_name") or ""),
    )


def add_create_errors(form: CaseCreateForm, party_forms: list[forms.Form], error: ServiceError) -> list[str]:
    """Spread the service's field errors over the case form and the party rows; answer what has no field."""
    loose: list[str] = []
    for key, messages in (error.field_errors or {}).items():
        texts = [str(m) for m in messages]
        party = _PARTY_KEY.match(key)
        attachment = _ATTACHMENT_KEY.match(key)
        if party and int(party.group(1)) < len(party_forms) and party.group(2) in party_forms[int(party.group(1))].fields:
            party_forms[int(party.group(1))].add_error(party.group(2), texts)
        elif attachment or key == "attachments":
            form.add_error("attachments", texts)
        elif key in form.fields:
            form.add_error(key, texts)
        else:
            loose.extend(texts)
    return loose
