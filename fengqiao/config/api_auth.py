"""API tokens: exchange a username and password for a token (`Authorization: Token <key>`), or revoke it."""
from __future__ import annotations

from django.contrib.auth import authenticate
from django.contrib.auth.models import update_last_login
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fengqiao.accounts.services import login_failures_clear, login_guard
from fengqiao.audit.services import audit_record
from fengqiao.core.api import ErrorSerializer
from fengqiao.core.parsers import BoundedJSONParser
from fengqiao.core.serializers import StrictSerializer, validated


class TokenRequestSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1024, trim_whitespace=False, write_only=True, style={"input_type": "password"})

    def validate(self, attrs: dict) -> dict:
        request = getattr(self.context["request"], "_request", self.context["request"])
        # A locked account name or client address answers 429 before the password is looked at.
        login_guard(request=request, username=attrs["username"])
        # authenticate() with the request: a failure fires user_login_failed, which the audit trail records and
        # the lockout counts.
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("用户名或密码错误，或账号已停用。"), code="authorization")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class TokenView(APIView):
    parser_classes = [BoundedJSONParser]

    def get_permissions(self):  # DRF hook
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    @extend_schema(
        summary=_("获取 API 令牌"),
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: OpenApiResponse(ErrorSerializer, description=_("用户名或密码错误")),
                   429: OpenApiResponse(ErrorSerializer, description=_("登录失败次数过多，暂时锁定"))},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = validated(TokenRequestSerializer(data=request.data, context={"request": request}))
        user = data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        update_last_login(None, user)
        login_failures_clear(username=user.get_username())
        audit_record(actor=user, action="auth.token", obj=user)
        return Response({"token": token.key}, headers={"Cache-Control": "no-store"})

    @extend_schema(
        summary=_("注销 API 令牌"),
        request=None,
        responses={204: None, 401: OpenApiResponse(ErrorSerializer, description=_("未登录"))},
    )
    def delete(self, request: Request) -> Response:
        deleted, _rows = Token.objects.filter(user=request.user).delete()
        audit_record(actor=request.user, action="auth.token_revoked", obj=request.user, after={"revoked": bool(deleted)})
        return Response(status=status.HTTP_204_NO_CONTENT)
