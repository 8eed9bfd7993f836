"""What the API accepts: strict request serializers (documented fields only) and their conversion to service inputs."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from fengqiao.accounts.models import User
from fengqiao.cases.choices import AssignmentRole, PartyKind, PartyRole, RemedyRoute, Urgency
from fengqiao.cases.models import Category, DisputeType, Process
from fengqiao.cases.petition_choices import AnswerOutcome, DeliveryMethod, PetitionKind
from fengqiao.cases.services.create import CaseInput, PartyInput, validate_case_input
from fengqiao.cases.services.personal_data import REVEALABLE_FIELDS
from fengqiao.cases.services.petition import PetitionInput
from fengqiao.cases.services.petition_answers import AnswerInput
from fengqiao.cases.services.review import ReviewRequestInput
from fengqiao.cases.services.workflow import MAX_NOTE
from fengqiao.core.errors import ValidationFailed
from fengqiao.core.serializers import (
    NON_FIELD,
    BoundedCharField,
    CodeField,
    ItemListSerializer,
    StrictSerializer,
    flatten_errors,
)
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Department, Region

MAX_PARTIES = 500


def _code_field(queryset: QuerySet, label: str, **kwargs: Any) -> CodeField:
    messages = {"does_not_exist": format_lazy(_("未知的{label}代码“{{value}}”。"), label=label)}
    return CodeField(queryset=queryset, error_messages=messages, **kwargs)


class PartyInputSerializer(StrictSerializer):
    name = BoundedCharField(max_length=100, help_text=_("姓名或单位名称"))
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.APPLICANT)
    kind = serializers.ChoiceField(choices=PartyKind.choices, default=PartyKind.PERSON)
    id_number = BoundedCharField(max_length=30, required=False, allow_blank=True, default="",
                                 help_text=_("身份证号（自然人，校验位须正确）或统一社会信用代码（单位）"))
    phone = BoundedCharField(max_length=20, required=False, allow_blank=True, default="")
    address = BoundedCharField(max_length=300, required=False, allow_blank=True, default="")
    is_representative = serializers.BooleanField(default=False)

    class Meta:
        list_serializer_class = ItemListSerializer


class CaseCreateSerializer(StrictSerializer):
    process = _code_field(Process.objects.all(), _("流程"), max_code_length=40, help_text=_("dispute | petition | workorder"))
    channel = serializers.ChoiceField(choices=Channel.choices)
    title = BoundedCharField(max_length=200)
    narrative = BoundedCharField(max_length=settings.FENGQIAO_MAX_NARRATIVE_CHARS)
    region = _code_field(Region.objects.all(), _("区划"), max_code_length=32, help_text=_("区划代码"))
    address = BoundedCharField(max_length=300, required=False, allow_blank=True, default="")
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True, default=None)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False, allow_null=True, default=None)
    category = _code_field(Category.objects.filter(is_active=True), _("诉求类别"), max_code_length=40,
                           required=False, allow_null=True, default=None)
    dispute_type = _code_field(DisputeType.objects.all(), _("纠纷类型"), max_code_length=40,
                               required=False, allow_null=True, default=None)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    party_count = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True, default=None)
    received_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    external_ref = BoundedCharField(max_length=64, required=False, allow_blank=True, default="")
    parties = PartyInputSerializer(many=True, max_length=MAX_PARTIES)
    # Petitions (信访工作条例 第二十九条 to 第三十一条): the kind and, for an accusation, whom it accuses.
    petition_kind = serializers.ChoiceField(choices=PetitionKind.choices, default=PetitionKind.CLAIM,
                                            help_text=_("信访事项类别：claim 申诉求决类 / suggestion 建议意见类 / accusation 检举控告类"))
    accused_department = _code_field(Department.objects.all(), _("部门"), max_code_length=32,
                                     required=False, allow_null=True, default=None)
    accused_user = _code_field(User.objects.all(), _("用户"), slug_field="username",
                               required=False, allow_null=True, default=None)
    accused_name = BoundedCharField(max_length=200, required=False, allow_blank=True, default="")


def _case_input(values: Mapping[str, Any], parties: list[dict | None]) -> CaseInput:
    def party(item: dict | None) -> PartyInput:
        # A party that failed its own validation stands in as a harmless placeholder.
        return PartyInput(**item) if item is not None else PartyInput(name="-")

    latitude, longitude = values.get("latitude"), values.get("longitude")
    return CaseInput(
        process=values.get("process"),
        channel=values.get("channel", ""),
        title=values.get("title", ""),
        narrative=values.get("narrative", ""),
        region=values.get("region"),
        parties=[party(p) for p in parties],
        address=values.get("address", ""),
        latitude=round(latitude, 6) if latitude is not None else None,
        longitude=round(longitude, 6) if longitude is not None else None,
        category=values.get("category"),
        dispute_type=values.get("dispute_type"),
        urgency=values.get("urgency", Urgency.NORMAL),
        party_count=values.get("party_count"),
        received_at=values.get("received_at"),
        external_ref=values.get("external_ref", ""),
        petition=PetitionInput(kind=values.get("petition_kind", PetitionKind.CLAIM),
                               accused_department=values.get("accused_department"),
                               accused_user=values.get("accused_user"), accused_name=values.get("accused_name", "")),
    )


def _root(name: str) -> str:
    return name.split("[", 1)[0].split(".", 1)[0]


def case_input_from(serializer: CaseCreateSerializer) -> CaseInput:
    """The service input for a create request, or ValidationFailed naming every bad field at once:
    the serializer's findings plus the service's checks on the values that did pass the serializer."""
    if serializer.is_valid():
        return _case_input(serializer.validated_data, serializer.validated_data["parties"])
    errors = flatten_errors(serializer.errors)
    values = getattr(serializer, "valid_values", {})
    if NON_FIELD not in errors:
        party_items: list | None = getattr(serializer.fields["parties"], "items", None)
        failed_roots = {_root(name) for name in errors} - {"parties"}
        try:
            validate_case_input(_case_input(values, party_items or []))
        except ValidationFailed as exc:
            for name, messages in exc.field_errors.items():
                root = _root(name)
                if name in errors or root in failed_roots:
                    continue
                if root in {"parties", "party_count"} and (party_items is None or None in party_items):
                    # Only item-level service findings about parties that validated are meaningful here.
                    index = name[len("parties["):].split("]", 1)[0] if name.startswith("parties[") else ""
                    if not (index.isdigit() and party_items is not None and party_items[int(index)] is not None):
                        continue
                errors[name] = [str(m) for m in messages]
    raise ValidationFailed(_("提交的数据有误，请检查标出的字段。"), field_errors=errors)


DUE_ON_HELP = _("交办或转办主办时可选：本环节期限（YYYY-MM-DD），只能早于规则规定的期限；留空按规则计算")


class TransitionInputSerializer(StrictSerializer):
    action = BoundedCharField(max_length=40, help_text=_("动作代码，见详情中的 available_actions"))
    note = BoundedCharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")
    public_note = BoundedCharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="",
                                   help_text=_("对群众公开的说明"))
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None,
                                       help_text=_("客户端所见的案件版本；不一致时返回 409"))
    to_department = _code_field(Department.objects.all(), _("部门"), max_code_length=32,
                                required=False, allow_null=True, default=None)
    to_user = _code_field(User.objects.filter(is_active=True), _("用户"), slug_field="username",
                          required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=DUE_ON_HELP)
    # A petition's written answer / 复查 / 复核 opinion (信访工作条例 第三十二条) and its delivery.
    answer_text = BoundedCharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="",
                                   help_text=_("出具书面答复、复查意见、复核意见时必填：答复正文"))
    outcome = serializers.ChoiceField(choices=AnswerOutcome.choices, required=False, allow_blank=True, default="",
                                      help_text=_("处理意见：support 支持 / explain 解释说明 / not_support 不予支持（建议类：adopted 等）"))
    body = _code_field(Department.objects.all(), _("部门"), max_code_length=32, required=False, allow_null=True,
                       default=None, help_text=_("出具答复的机关、单位"))
    override_note = BoundedCharField(max_length=1000, required=False, allow_blank=True, default="",
                                     help_text=_("答复未通过检查仍出具的理由"))
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices, required=False, allow_blank=True, default="")
    delivered_on = serializers.DateField(required=False, allow_null=True, default=None,
                                         help_text=_("信访人收到答复的日期（邮寄以回执签收日期为准）"))
    delivery_note = BoundedCharField(max_length=300, required=False, allow_blank=True, default="")
    # A 复查/复核 request (第三十五条, 第三十六条): the day it was received and the reviewing body.
    received_on = serializers.DateField(required=False, allow_null=True, default=None,
                                        help_text=_("申请复查、复核时必填：收到请求的日期"))
    reviewing_body = _code_field(Department.objects.all(), _("部门"), max_code_length=32, required=False,
                                 allow_null=True, default=None, help_text=_("复查或复核机关、单位"))
    channel = BoundedCharField(max_length=40, required=False, allow_blank=True, default="",
                               help_text=_("不予受理或告知其他途径时告知的途径代码，见 available_actions 的 notice_channels"))
    channel_detail = BoundedCharField(max_length=300, required=False, allow_blank=True, default="",
                                      help_text=_("具体去向（机关、单位或途径）"))
    routes = serializers.ListField(
        child=serializers.ChoiceField(choices=RemedyRoute.choices), required=False, default=list, max_length=10,
        help_text=_("已告知当事人的途径（人民调解法第二十六条）；动作要求时必填，见 available_actions 的 requires_routes"),
    )


def petition_step_inputs(data: Mapping[str, Any]) -> dict:
    """The petition documents of a transition request, as the service takes them."""
    answer = AnswerInput(text=data["answer_text"], outcome=data["outcome"], body=data["body"],
                         override_note=data["override_note"], delivery_method=data["delivery_method"],
                         delivered_on=data["delivered_on"], delivery_note=data["delivery_note"])
    return {"answer": answer, "review_request": ReviewRequestInput(received_on=data["received_on"],
                                                                   body=data["reviewing_body"])}


class AssignInputSerializer(StrictSerializer):
    role = serializers.ChoiceField(choices=AssignmentRole.choices, help_text=_("lead 主办 / co 协办"))
    to_department = _code_field(Department.objects.all(), _("部门"), max_code_length=32,
                                required=False, allow_null=True, default=None)
    to_user = _code_field(User.objects.filter(is_active=True), _("用户"), slug_field="username",
                          required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=DUE_ON_HELP)
    note = BoundedCharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class NoteInputSerializer(StrictSerializer):
    note = BoundedCharField(max_length=MAX_NOTE)
    public = serializers.BooleanField(default=False, help_text=_("true：群众可在查询页看到"))
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class RevealInputSerializer(StrictSerializer):
    field = serializers.ChoiceField(choices=sorted(REVEALABLE_FIELDS))
    reason = BoundedCharField(max_length=500, help_text=_("查看完整信息的理由（至少4个字），记入访问日志"))
