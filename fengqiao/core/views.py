from __future__ import annotations

import logging

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from fengqiao.core.errors import error_body, request_too_large_message
from fengqiao.core.request_context import current_request_id

logger = logging.getLogger("fengqiao.errors")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("health check: database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None = None):
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("not_found", _("未找到。")), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest):
    reference = current_request_id() or "-"
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("server_error", _("服务器内部错误。"), reference=reference), status=500)
    return render(request, "500.html", {"reference": reference}, status=500)


def _rejected(request: HttpRequest, *, status: int, code: str, message: str | Promise, hint: str | Promise) -> HttpResponse:
    """An answer to a request that was refused before any view ran: JSON under /api/, else a page in the
    portal's or the staff pages' frame, with a way back."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(code, message), status=status)
    referer = request.headers.get("Referer", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the reason for this very answer, when it is a 400
        host = None
    safe_back = host is not None and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    )
    match = getattr(request, "resolver_match", None)
    in_portal = request.path.startswith("/portal/") or (match is not None and match.app_name == "portal")
    context = {
        "base_template": "portal/base.html" if in_portal else "base.html",
        "message": message,
        "hint": hint,
        "back_url": referer if referer and safe_back else ("/portal/" if in_portal else "/"),
    }
    return render(request, "request_rejected.html", context, status=status)


def post_rejected(request: HttpRequest, *, reason: str) -> HttpResponse:
    """A form post that could not be read (see UnreadablePostMiddleware)."""
    hint = _("没有保存任何内容。请返回上一页修改后重新提交。")
    if reason == "too_large":
        return _rejected(request, status=413, code="request_too_large", message=request_too_large_message(), hint=hint)
    if reason == "too_many_fields":
        return _rejected(request, status=400, code="too_many_fields", message=_("提交的字段或文件过多。"), hint=hint)
    return _rejected(request, status=400, code="malformed", message=_("提交的数据格式有误，无法读取。"), hint=hint)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _rejected(
        request, status=400, code="bad_request", message=_("请求有误，无法处理。"), hint=_("请返回上一页重试。")
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's security token was missing or stale (an old tab, an expired session)."""
    return _rejected(
        request,
        status=403,
        code="csrf_failed",
        message=_("页面已过期，或无法确认提交来自本系统。"),
        hint=_("没有保存任何内容。请刷新页面后重新提交。"),
    )
