"""What the API accepts: strict request serializers (documented fields only) and their conversion to service inputs."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField, empty, get_error_detail
from rest_framework.settings import api_settings

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
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Department, Region

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY
MAX_PARTIES = 500


class BoundedCharField(serializers.CharField):
    """A CharField that refuses an over-long value before any other check walks through it."""

    def run_validation(self, data: Any = empty) -> Any:
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().run_validation(data)


class CodeField(serializers.SlugRelatedField):
    """A reference to a row by its code; anything but a short string is refused without a query."""

    default_error_messages = {
        "does_not_exist": _("未知的代码“{value}”。"),
        "invalid": _("应为代码字符串。"),
    }

    def __init__(self, *, slug_field: str = "code", max_code_length: int = 150, **kwargs: Any) -> None:
        self.max_code_length = max_code_length
        super().__init__(slug_field=slug_field, **kwargs)

    def to_internal_value(self, data: Any) -> Model:
        if not isinstance(data, str) or not data or len(data) > self.max_code_length or not data.isprintable():
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSerializer(serializers.Serializer):
    """Accepts only documented fields (minimum collection) and remembers which values did validate,
    so that the service's own checks can still name the remaining bad fields in the same answer."""

    default_error_messages = {"invalid": _("请求体应为 JSON 对象。")}

    def to_internal_value(self, data: Any) -> dict:
        self.valid_values: dict[str, Any] = {}
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({NON_FIELD: [self.error_messages["invalid"]]}, code="invalid")
        errors: dict[str, Any] = {
            str(name): [serializers.ErrorDetail(str(_("不接受该字段。")), code="unknown_field")]
            for name in data
            if name not in self.fields
        }
        for field in self._writable_fields:
            try:
                value = field.run_validation(field.get_value(data))
            except serializers.ValidationError as exc:
                errors[field.field_name] = exc.detail
            except DjangoValidationError as exc:
                errors[field.field_name] = get_error_detail(exc)
            except SkipField:
                continue
            else:
                self.valid_values[field.source] = value
        if errors:
            raise serializers.ValidationError(errors)
        return dict(self.valid_values)


class ItemListSerializer(serializers.ListSerializer):
    """A list whose errors are keyed by item index and which remembers the items that did validate."""

    def to_internal_value(self, data: Any) -> list:
        self.items: list[Any] | None = None
        if not isinstance(data, list):
            message = self.error_messages["not_a_list"].format(input_type=type(data).__name__)
            raise serializers.ValidationError({NON_FIELD: [message]}, code="not_a_list")
        if self.max_length is not None and len(data) > self.max_length:
            message = self.error_messages["max_length"].format(max_length=self.max_length)
            raise serializers.ValidationError({NON_FIELD: [message]}, code="max_length")
        items: list[Any] = []
        errors: dict[int, Any] = {}
        for index, item in enumerate(data):
            try:
                items.append(self.child.run_validation(item))
            except serializers.ValidationError as exc:
                items.append(None)
                errors[index] = exc.detail
        self.items = items
        if errors:
            raise serializers.ValidationError(errors)
        return items


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"field": [...], "parties[1].phone": [...]}, the services' naming."""
    flat: dict[str, list[str]] = {}

    def add(name: str, messages: list[str]) -> None:
        flat.setdefault(name or NON_FIELD, []).extend(messages)

    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if isinstance(key, int):
                name = f"{prefix}[{key}]"
            elif key == NON_FIELD and prefix:
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for sub, messages in flatten_errors(value, name).items():
                add(sub, messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            add(prefix, [str(item) for item in detail])
        else:
            for index, item in enumerate(detail):
                for sub, messages in flatten_errors(item, f"{prefix}[{index}]").items():
                    add(sub, messages)
    else:
        add(prefix, [str(detail)])
    return flat


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
    note = BoundedCharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class NoteInputSerializer(StrictSerializer):
    note = BoundedCharField(max_length=MAX_NOTE)
    public = serializers.BooleanField(default=False, help_text=_("true：群众可在查询页看到"))
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class RevealInputSerializer(StrictSerializer):
    field = serializers.ChoiceField(choices=sorted(REVEALABLE_FIELDS))
    reason = BoundedCharField(max_length=500, help_text=_("查看完整信息的理由（至少4个字），记入访问日志"))


def validated(serializer: StrictSerializer) -> dict:
    """The serializer's data, or ValidationFailed with flat field names."""
    if not serializer.is_valid():
        raise ValidationFailed(_("提交的数据有误，请检查标出的字段。"), field_errors=flatten_errors(serializer.errors))
    return serializer.validated_data
