"""Case endpoints. Reads go through `Case.objects.visible_to`, writes through `fengqiao.cases.services`."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases.api.filters import CaseFilter
from fengqiao.cases.api.inputs import (
    AssignInputSerializer,
    CaseCreateSerializer,
    NoteInputSerializer,
    RevealInputSerializer,
    TransitionInputSerializer,
    case_input_from,
    petition_step_inputs,
)
from fengqiao.cases.api.serializers import (
    CaseDetailSerializer,
    CaseLeftScopeSerializer,
    CaseListSerializer,
    RevealResultSerializer,
    load_detail_related,
    with_detail_related,
    with_list_related,
)
from fengqiao.cases.models import Case, Party
from fengqiao.cases.selectors import LEFT_SCOPE_MESSAGE
from fengqiao.cases.services import case_add_note, case_assign, case_create, case_transition, party_reveal
from fengqiao.core.api import ErrorSerializer
from fengqiao.core.parsers import BoundedJSONParser
from fengqiao.core.serializers import validated
from fengqiao.intake.idempotency import HEADER as IDEMPOTENCY_HEADER
from fengqiao.intake.idempotency import idempotent


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    described = {
        400: _("提交的数据有误；errors 按字段列出原因"),
        401: _("未登录或令牌无效"),
        403: _("无权执行该操作"),
        404: _("不存在或不在您的管辖范围内"),
        409: _("案件已被他人修改（stale_version）或当前环节不能执行该操作（transition_not_allowed）"),
        413: _("请求体过大"),
        422: _("Idempotency-Key 已用于内容不同的请求"),
    }
    return {code: OpenApiResponse(ErrorSerializer, description=described[code]) for code in codes}


IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description=_("同一键、同一内容重复提交时返回首次的结果而不重复登记；同一键、不同内容返回 422。"),
)


CREATE_EXAMPLE = OpenApiExample(
    "矛盾纠纷登记",
    request_only=True,
    value={
        "process": "dispute",
        "channel": "api",
        "title": "拖欠工资纠纷",
        "narrative": "申请人在工地务工五个月，工资一直未结清，多次讨要无果。",
        "region": "330106001001",
        "urgency": "normal",
        "dispute_type": "labour",
        "parties": [
            {"name": "张某", "role": "applicant", "kind": "person"},
            {"name": "某建筑公司", "role": "respondent", "kind": "organisation"},
        ],
    },
)


def detail_response(request: Request, case: Case, status_code: int = status.HTTP_200_OK) -> Response:
    """The detail of a case just written by this request (read again, through the user's scope, with everything the
    detail shows). A write may take the case out of the user's scope: then, as the page does, the answer says so and
    shows nothing of the case (CaseLeftScopeSerializer)."""
    fresh = with_detail_related(Case.objects.visible_to(request.user).filter(pk=case.pk)).first()
    if fresh is None:
        left = {"id": case.pk, "in_scope": False, "detail": str(LEFT_SCOPE_MESSAGE)}
        return Response(CaseLeftScopeSerializer(left).data, status=status_code)
    return Response(CaseDetailSerializer(fresh, context={"request": request}).data, status=status_code)


def _written(status_code: int) -> dict[int, OpenApiResponse]:
    """The success answer of a write on a case: its detail, or — when the write took it out of your scope — a note
    saying so and nothing of the case."""
    return {status_code: OpenApiResponse(
        PolymorphicProxySerializer(component_name="CaseWriteResult", serializers=[CaseDetailSerializer, CaseLeftScopeSerializer],
                                   resource_type_field_name=None),
        description=_("案件详情；若该操作使案件移出您的管辖范围，则只返回 id、in_scope=false 与说明，不再返回案件内容"),
    )}


@extend_schema_view(
    list=extend_schema(
        summary=_("案件列表"), description=_("当前用户管辖或承办范围内的案件，分页。"),
        responses={200: CaseListSerializer, **_errors(400, 401, 404)},
    ),
    retrieve=extend_schema(
        summary=_("案件详情"), description=_("证件号码与电话已脱敏；每次查看记入个人信息访问日志。"),
        responses={200: CaseDetailSerializer, **_errors(401, 404)},
    ),
)
class CaseViewSet(viewsets.GenericViewSet):
    queryset = Case.objects.none()
    parser_classes = [BoundedJSONParser]
    filterset_class = CaseFilter

    def get_queryset(self):  # DRF hook
        queryset = Case.objects.visible_to(self.request.user)
        if self.action == "list":
            return with_list_related(queryset)
        if self.action == "retrieve":
            return with_detail_related(queryset)
        return queryset

    def get_serializer_class(self):  # DRF hook
        return {
            "list": CaseListSerializer,
            "create": CaseCreateSerializer,
            "transition": TransitionInputSerializer,
            "assign": AssignInputSerializer,
            "notes": NoteInputSerializer,
        }.get(self.action, CaseDetailSerializer)

    def get_case(self) -> Case:
        """The case named in the URL if this user may see it; 404 alike for missing and out of scope."""
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)

    @extend_schema(
        summary=_("登记案件"),
        request=CaseCreateSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        examples=[CREATE_EXAMPLE],
        responses={201: CaseDetailSerializer, **_errors(400, 401, 403, 413, 422)},
    )
    @idempotent(scope="case.create")
    def create(self, request: Request) -> Response:
        data = case_input_from(CaseCreateSerializer(data=request.data))
        case = load_detail_related(case_create(acting_user=request.user, data=data))
        return Response(CaseDetailSerializer(case, context={"request": request}).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk: str) -> Response:
        case = self.get_case()
        personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=case)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)

    @extend_schema(
        summary=_("流转（执行一个动作）"),
        request=TransitionInputSerializer,
        responses={**_written(200), **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        case = self.get_case()  # out of scope is 404 whatever the body
        data = validated(TransitionInputSerializer(data=request.data))
        case = case_transition(
            case=case, action=data["action"], acting_user=request.user, note=data["note"],
            public_note=data["public_note"], expected_version=data["version"],
            to_user=data["to_user"], to_department=data["to_department"], **petition_step_inputs(data),
            channel=data["channel"], channel_detail=data["channel_detail"], routes=data["routes"], due_on=data["due_on"],
        )
        return detail_response(request, case)

    @extend_schema(
        summary=_("交办（主办或协办）"),
        request=AssignInputSerializer,
        responses={**_written(200), **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        case = self.get_case()
        data = validated(AssignInputSerializer(data=request.data))
        case = case_assign(
            case=case, acting_user=request.user, to_user=data["to_user"],
            to_department=data["to_department"], role=data["role"], note=data["note"], expected_version=data["version"],
            due_on=data["due_on"],
        )
        return detail_response(request, case)

    @extend_schema(
        summary=_("添加办理记录"),
        request=NoteInputSerializer,
        responses={**_written(201), **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str) -> Response:
        case = self.get_case()
        data = validated(NoteInputSerializer(data=request.data))
        case = case_add_note(
            case=case, acting_user=request.user, note=data["note"], public=data["public"],
            expected_version=data["version"],
        )
        return detail_response(request, case, status.HTTP_201_CREATED)


class PartyRevealView(generics.GenericAPIView):
    """Show one party's full ID number or phone: permission-checked, with a reason, logged."""

    queryset = Party.objects.none()
    serializer_class = RevealInputSerializer
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary=_("显示当事人完整证件号或电话"),
        request=RevealInputSerializer,
        responses={200: RevealResultSerializer, **_errors(400, 401, 403, 404, 413)},
    )
    def post(self, request: Request, pk: str) -> Response:
        visible = Case.objects.visible_to(request.user)
        party = get_object_or_404(Party.objects.filter(case__in=visible).select_related("case"), pk=pk)
        data = validated(RevealInputSerializer(data=request.data))
        value = party_reveal(party=party, field=data["field"], acting_user=request.user, reason=data["reason"])
        return Response({"value": value}, headers={"Cache-Control": "no-store"})
