"""What the API answers about cases: a compact list row and the full (masked) detail."""
from __future__ import annotations

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fengqiao.cases.choices import (
    AssignmentRole,
    AssignmentStatus,
    DeadlineStatus,
    EventKind,
    NoticeKind,
    PartyKind,
    PartyRole,
    StateKind,
    Urgency,
)
from fengqiao.cases.models import Assignment, Case, CaseEvent, PetitionAnswer, Transition
from fengqiao.cases.permissions import available_transitions
from fengqiao.cases.services.petition import PETITION_PROCESS, petition_kind_of
from fengqiao.cases.services.refusals import notice_channels
from fengqiao.core.masking import mask_text
from fengqiao.intake.choices import Channel

LIST_RELATED = ("region", "lead_department")  # joined; the small lookup tables come from with_lookups()
# Heavy columns a list row does not show (deferring, rather than listing the columns it does show,
# keeps new model fields loaded: a property that starts using one never turns into a query per row).
LIST_DEFERRED = ("narrative", "region__boundary")


def with_list_related(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Everything a list row shows: one query for the rows, one for each lookup table."""
    return queryset.select_related(*LIST_RELATED).with_lookups().defer(*LIST_DEFERRED)


def _detail_prefetches() -> tuple:
    return (
        "parties",
        Prefetch("assignments", queryset=Assignment.objects.select_related("department", "user")),
        Prefetch("events", queryset=CaseEvent.objects.select_related("actor", "from_state", "to_state")),
    )


def with_detail_related(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the detail shows, in a fixed number of queries."""
    return queryset.select_related(*LIST_RELATED).with_lookups("lead_user").defer("region__boundary").prefetch_related(
        *_detail_prefetches()
    )


def load_detail_related(case: Case) -> Case:
    """The same for a case this request has just created: its own row and the rows it points at are already
    in memory, so only its parties, assignments and events are read."""
    prefetch_related_objects([case], *_detail_prefetches())
    return case


class MaskedTextField(serializers.CharField):
    """Free text with every ID number and phone number in it masked."""

    def to_representation(self, value: object) -> str:
        return mask_text(str(value))


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class StateSerializer(CodeNameSerializer):
    kind = serializers.ChoiceField(choices=StateKind.choices, read_only=True)
    ends_unsettled = serializers.BooleanField(
        read_only=True, help_text=_("不予受理、告知其他途径等：案件终结但未化解，不计入化解、办结数字"))


class PersonSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    display_name = serializers.CharField(source="__str__", read_only=True)


class CaseListSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    tracking_code = serializers.CharField(read_only=True)
    title = MaskedTextField(read_only=True)
    process = CodeNameSerializer(read_only=True)
    state = StateSerializer(read_only=True)
    region = CodeNameSerializer(read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices, read_only=True)
    category = CodeNameSerializer(read_only=True, allow_null=True)
    dispute_type = CodeNameSerializer(read_only=True, allow_null=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, read_only=True)
    party_count = serializers.IntegerField(read_only=True)
    received_at = serializers.DateTimeField(read_only=True)
    due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    deadline_status = serializers.ChoiceField(choices=DeadlineStatus.choices, read_only=True)
    lead_department = CodeNameSerializer(read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True)


class PartySerializer(serializers.Serializer):
    """A party with the ID number and phone masked; the full value only through the logged reveal endpoint."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    role = serializers.ChoiceField(choices=PartyRole.choices, read_only=True)
    kind = serializers.ChoiceField(choices=PartyKind.choices, read_only=True)
    id_number = serializers.CharField(source="masked_id_number", read_only=True)
    phone = serializers.CharField(source="masked_phone", read_only=True)
    address = MaskedTextField(read_only=True)
    is_representative = serializers.BooleanField(read_only=True)


DUE_CHOSEN_HELP = _("true：期限由交办人设定（早于规则期限）；false：按时限规则计算")


class AssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    role = serializers.ChoiceField(choices=AssignmentRole.choices, read_only=True)
    status = serializers.ChoiceField(choices=AssignmentStatus.choices, read_only=True)
    department = CodeNameSerializer(read_only=True, allow_null=True)
    user = PersonSerializer(read_only=True, allow_null=True)
    note = MaskedTextField(read_only=True)
    due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    due_chosen = serializers.BooleanField(read_only=True, help_text=DUE_CHOSEN_HELP)
    created_at = serializers.DateTimeField(read_only=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)


class NoticeChannelSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    legal_basis = serializers.CharField(read_only=True)
    needs_detail = serializers.BooleanField(read_only=True, help_text=_("须在 channel_detail 写明具体去向"))


class AvailableActionSerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    to_state = StateSerializer(read_only=True)
    effect = serializers.CharField(
        read_only=True, help_text=_("该动作的作用（assign、transfer、accept、return、close、reopen 等）；"
                                    "assign 和 transfer 须提供 to_department 或 to_user"))
    requires_note = serializers.BooleanField(read_only=True)
    requires_routes = serializers.BooleanField(read_only=True)
    notice_kind = serializers.CharField(read_only=True, help_text=_("非空：不予受理或告知其他途径，须选择 channel 并出具告知书"))
    notice_channels = serializers.SerializerMethodField()

    @extend_schema_field(NoticeChannelSerializer(many=True))
    def get_notice_channels(self, transition: Transition) -> list[dict]:
        if not transition.notice_kind:
            return []
        return NoticeChannelSerializer(notice_channels(kind=transition.notice_kind), many=True).data


class CaseNoticeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NoticeKind.choices, read_only=True)
    number = serializers.CharField(read_only=True)
    reason = MaskedTextField(read_only=True)
    channel = serializers.CharField(source="channel_name", read_only=True)
    channel_detail = serializers.CharField(read_only=True)
    legal_basis = serializers.CharField(read_only=True)
    text = MaskedTextField(read_only=True)
    issued_at = serializers.DateTimeField(read_only=True)


class EventSerializer(serializers.Serializer):
    time = serializers.DateTimeField(source="created_at", read_only=True)
    kind = serializers.ChoiceField(choices=EventKind.choices, read_only=True)
    action = serializers.CharField(read_only=True)
    actor = serializers.CharField(read_only=True, allow_null=True, help_text=_("操作人姓名"))
    note = MaskedTextField(read_only=True)
    public_note = MaskedTextField(read_only=True)
    from_state = StateSerializer(read_only=True, allow_null=True)
    to_state = StateSerializer(read_only=True, allow_null=True)


class PetitionAnswerSerializer(serializers.Serializer):
    stage = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)
    body = serializers.CharField(source="body.code", read_only=True)
    issued_at = serializers.DateTimeField(read_only=True)
    text = MaskedTextField(read_only=True)
    sent_anyway = serializers.BooleanField(read_only=True)
    delivery_method = serializers.CharField(read_only=True)
    delivered_on = serializers.DateField(read_only=True, allow_null=True)


class PetitionRequestSerializer(serializers.Serializer):
    stage = serializers.CharField(read_only=True)
    received_on = serializers.DateField(read_only=True)
    body = serializers.CharField(source="body.code", read_only=True)


class PetitionSerializer(serializers.Serializer):
    """A petition's kind (信访工作条例 第二十九条 to 第三十一条), its written answers and 复查/复核 requests."""

    kind = serializers.CharField(read_only=True)
    answers = PetitionAnswerSerializer(many=True, read_only=True)
    requests = PetitionRequestSerializer(many=True, read_only=True)


class CaseDetailSerializer(CaseListSerializer):
    narrative = MaskedTextField(read_only=True)
    address = MaskedTextField(read_only=True)
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    external_ref = serializers.CharField(read_only=True)
    lead_user = PersonSerializer(read_only=True, allow_null=True)
    clock_started_at = serializers.DateTimeField(read_only=True, allow_null=True)
    warn_at = serializers.DateTimeField(read_only=True, allow_null=True)
    due_chosen = serializers.BooleanField(read_only=True, help_text=DUE_CHOSEN_HELP)
    calendar_warning = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    closed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    parties = PartySerializer(many=True, read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)
    available_actions = serializers.SerializerMethodField()
    events = EventSerializer(many=True, read_only=True)
    petition = serializers.SerializerMethodField()

    @extend_schema_field(PetitionSerializer(allow_null=True))
    def get_petition(self, case: Case) -> dict | None:
        if case.process.code != PETITION_PROCESS:
            return None
        data = {
            "kind": petition_kind_of(case),
            "answers": PetitionAnswer.objects.filter(case_id=case.pk).select_related("body").order_by("issued_at", "id"),
            "requests": case.petition_requests.select_related("body").order_by("created_at", "id"),
        }
        return PetitionSerializer(data).data
    notices = serializers.SerializerMethodField(help_text=_("书面告知（告知书）"))

    @extend_schema_field(CaseNoticeSerializer(many=True))
    def get_notices(self, case: Case) -> list[dict]:
        """Read only for a case whose timeline (already loaded) records a notice: no query for the others."""
        if not any(event.data.get("notice") for event in case.events.all()):
            return []
        return CaseNoticeSerializer(case.notices.order_by("issued_at", "id"), many=True).data

    @extend_schema_field(AvailableActionSerializer(many=True))
    def get_available_actions(self, case: Case) -> list[dict]:
        user = self.context["request"].user
        return AvailableActionSerializer(available_transitions(user, case), many=True).data


class RevealResultSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True)


class CaseLeftScopeSerializer(serializers.Serializer):
    """The answer to a write after which the case is no longer in the user's scope: the write is done, the case
    is not shown (the page sends the user to the case list with the same message)."""

    id = serializers.IntegerField(help_text=_("案件编号（内部 ID）"))
    in_scope = serializers.BooleanField(help_text=_("恒为 false：该案件已不在您的管辖范围内"))
    detail = serializers.CharField(help_text=_("说明"))
