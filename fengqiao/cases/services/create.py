"""Registering a case from any channel."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import EventKind, PartyKind, PartyRole, Urgency
from fengqiao.cases.models import Case, Category, DisputeType, Party, Process
from fengqiao.cases.querysets import REGIONAL_ROLES
from fengqiao.cases.services.attachments import AttachmentInput, store_attachments, validate_attachments
from fengqiao.cases.services.common import add_event, snapshot, start_clock
from fengqiao.cases.services.parties import party_row_values
from fengqiao.cases.services.petition import PetitionInput, petition_record, validate_petition_input
from fengqiao.core.errors import PermissionRefused, ValidationFailed
from fengqiao.core.validators import is_valid_credit_code, is_valid_id_number, is_valid_phone
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Region

EARLIEST_RECEIVED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass
class PartyInput:
    name: str
    role: str = PartyRole.APPLICANT
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    address: str = ""
    is_representative: bool = False


@dataclass
class CaseInput:
    process: Process | None
    channel: str
    title: str
    narrative: str
    region: Region | None
    parties: list[PartyInput] = field(default_factory=list)
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    category: Category | None = None
    dispute_type: DisputeType | None = None
    urgency: str = Urgency.NORMAL
    party_count: int | None = None
    received_at: dt.datetime | None = None
    external_ref: str = ""
    attachments: list[AttachmentInput] = field(default_factory=list)
    # A petition's kind and, for an accusation, whom it accuses (信访工作条例 第二十九条 to 第三十一条).
    petition: PetitionInput | None = None


def _party_errors(index: int, party: PartyInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    prefix = f"parties[{index}]"
    if not (party.name or "").strip():
        errors[f"{prefix}.name"] = [_("请填写当事人姓名或名称。")]
    elif len(party.name) > 100:
        errors[f"{prefix}.name"] = [_("姓名或名称过长（最多100字）。")]
    if party.role not in PartyRole.values:
        errors[f"{prefix}.role"] = [_("未知的当事人身份。")]
    if party.kind not in PartyKind.values:
        errors[f"{prefix}.kind"] = [_("未知的当事人类型。")]
    if party.id_number:
        valid = is_valid_id_number(party.id_number) if party.kind == PartyKind.PERSON else is_valid_credit_code(party.id_number)
        if not valid:
            errors[f"{prefix}.id_number"] = [_("证件号码无效（校验位不符）。")]
    if party.phone and not is_valid_phone(party.phone):
        errors[f"{prefix}.phone"] = [_("电话号码格式不正确。")]
    if len(party.address or "") > 300:
        errors[f"{prefix}.address"] = [_("地址过长（最多300字）。")]
    return errors


def validate_case_input(data: CaseInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.process is None:
        errors["process"] = [_("请选择流程。")]
    if data.channel not in Channel.values:
        errors["channel"] = [_("未知的来源渠道。")]
    title = (data.title or "").strip()
    if not title:
        errors["title"] = [_("请填写标题。")]
    elif len(title) > 200:
        errors["title"] = [_("标题过长（最多200字）。")]
    narrative = (data.narrative or "").strip()
    limit = settings.FENGQIAO_MAX_NARRATIVE_CHARS
    if not narrative:
        errors["narrative"] = [_("请填写诉求内容。")]
    elif len(narrative) > limit:
        errors["narrative"] = [
            _("诉求内容过长（最多 %(limit)d 字，现为 %(length)d 字），请精简或作为附件上传。")
            % {"limit": limit, "length": len(narrative)}
        ]
    if data.region is None:
        errors["region"] = [_("未知的区划。")]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("未知的紧急程度。")]
    if data.latitude is not None and not -90 <= float(data.latitude) <= 90:
        errors["latitude"] = [_("纬度超出范围。")]
    if data.longitude is not None and not -180 <= float(data.longitude) <= 180:
        errors["longitude"] = [_("经度超出范围。")]
    if len(data.address or "") > 300:
        errors["address"] = [_("地址过长（最多300字）。")]
    if len((data.external_ref or "").strip()) > 64:
        errors["external_ref"] = [_("工单号过长（最多64个字符）。")]
    if data.received_at is not None:
        if timezone.is_naive(data.received_at):
            data.received_at = timezone.make_aware(data.received_at)
        if data.received_at > timezone.now() + dt.timedelta(minutes=5):
            errors["received_at"] = [_("收到时间不能晚于现在。")]
        elif data.received_at < EARLIEST_RECEIVED:
            errors["received_at"] = [_("收到时间不合理。")]
    if not data.parties:
        errors["parties"] = [_("请至少填写一名当事人。")]
    elif not any(p.role == PartyRole.APPLICANT for p in data.parties):
        errors["parties"] = [_("请至少填写一名申请人。")]
    for index, party in enumerate(data.parties):
        errors.update(_party_errors(index, party))
    if data.party_count is not None and data.party_count < max(len(data.parties), 1):
        errors["party_count"] = [_("当事人数不能少于已填写的当事人。")]
    errors.update(validate_attachments(data.attachments))
    if data.process is not None:
        errors.update(validate_petition_input(data.petition, process_code=data.process.code))
    if errors:
        raise ValidationFailed(_("提交的数据有误，请检查标出的字段。"), field_errors=errors)


def can_register_in(user, region: Region) -> bool:
    if user is None:
        return False
    if user.is_superuser:
        return True
    for membership in user.active_memberships:
        if membership.role in REGIONAL_ROLES and region.path.startswith(membership.region.path):
            return True
        if (
            membership.role == Role.HANDLER
            and membership.department_id
            and any(region.path.startswith(r.path) for r in membership.department.covers.all())
        ):
            return True
    return False


@transaction.atomic
def case_create(*, acting_user, data: CaseInput) -> Case:
    """Register a case. `acting_user` is None only for a resident's own submission through the portal."""
    validate_case_input(data)
    process, region = data.process, data.region
    assert process is not None and region is not None  # validate_case_input refuses a missing one
    if acting_user is None:
        if data.channel != Channel.ONLINE:
            raise PermissionRefused(_("只有网上渠道可以匿名提交。"))
    elif not can_register_in(acting_user, region):
        raise PermissionRefused(_("您无权在该区划登记案件。"))
    now = timezone.now()
    state = process.initial_state
    case = Case(
        process=process,
        state=state,
        channel=data.channel,
        title=data.title.strip(),
        narrative=data.narrative.strip(),
        region=region,
        region_path=region.path,
        address=data.address.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        category=data.category,
        dispute_type=data.dispute_type,
        urgency=data.urgency,
        party_count=data.party_count or len(data.parties),
        external_ref=data.external_ref.strip(),
        received_at=data.received_at or now,
        registered_by=acting_user,
        created_at=now,
        updated_at=now,
    )
    start_clock(case, state, now)
    case.save()
    Party.objects.bulk_create([
        Party(case=case, **party_row_values(kind=p.kind, role=p.role, name=p.name, id_number=p.id_number, phone=p.phone,
                                            address=p.address, is_representative=p.is_representative))
        for p in data.parties
    ])
    add_event(case, kind=EventKind.CREATED, actor=acting_user, to_state=state,
              public_note=_("您的诉求已登记，查询码 %(code)s。") % {"code": case.tracking_code})
    store_attachments(case=case, items=data.attachments, acting_user=acting_user)
    petition = petition_record(case=case, data=data.petition)
    audit_record(actor=acting_user, action="case.create", obj=case,
                 after={**snapshot(case), "channel": case.channel, "region": region.code, "parties": len(data.parties),
                        **({"petition_kind": petition.kind} if petition else {})})
    events.publish(events.CaseCreated(case_id=case.pk, acting_user_id=getattr(acting_user, "pk", None), at=now,
                                      process=process.code, channel=case.channel, region_path=case.region_path,
                                      state=state.code))
    return case
