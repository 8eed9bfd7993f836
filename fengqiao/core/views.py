from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from fengqiao.core.errors import both_languages
from fengqiao.core.request_context import current_request_id

logger = logging.getLogger("fengqiao.errors")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        logger.exception("health check: database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception | None = None):
    if request.path.startswith("/api/"):
        zh, en = both_languages(_("未找到。"))
        return JsonResponse({"code": "not_found", "detail": zh, "detail_zh": zh, "detail_en": en}, status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest):
    reference = current_request_id() or "-"
    if request.path.startswith("/api/"):
        zh, en = both_languages(_("服务器内部错误。"))
        return JsonResponse(
            {"code": "server_error", "detail": zh, "detail_zh": zh, "detail_en": en, "reference": reference}, status=500
        )
    return render(request, "500.html", {"reference": reference}, status=500)
