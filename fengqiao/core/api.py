"""Shared REST API plumbing: pagination and one error format for every endpoint."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fengqiao.core.countcache import CachedCountPaginator
from fengqiao.core.errors import ServiceError, TooManyAttempts, error_body, request_too_large_message


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (for the OpenAPI schema); `errors` names the offending fields."""

    code = serializers.CharField()
    detail = serializers.CharField()
    detail_zh = serializers.CharField()
    detail_en = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    reference = serializers.CharField(required=False)


class StandardPagination(PageNumberPagination):
    django_paginator_class = CachedCountPaginator
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100  # bulk reads go through audited exports, not huge pages


def exception_handler(exc, context):  # DRF's signature
    if isinstance(exc, ServiceError):
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
        return Response(exc.as_dict(), status=exc.status_code, headers=headers)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("request_too_large", request_too_large_message()), status=413)
    if isinstance(exc, Http404 | PermissionDenied | exceptions.PermissionDenied) and not isinstance(
        exc, exceptions.NotAuthenticated
    ):
        # Forbidden and missing answer alike so ids cannot be probed.
        return Response(error_body("not_found", _("未找到。")), status=404)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = error_body("invalid", _("提交的数据有误，请检查标出的字段。"), errors=errors)
        response.status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = exc.detail if hasattr(exc, "detail") else response.data["detail"]
        code = getattr(detail, "code", None) or "error"
        response.data = error_body(code, str(detail))
    return response
