"""The report documents page: ask for a 月报, 季报 or 信访情况年度报告, follow its progress, download it. Only the
roles that may see figures open it; a file is served only to the user who asked for it (404 for anyone else)."""
from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from fengqiao.core.viewkit import staff_view, submit_form
from fengqiao.reports import selectors
from fengqiao.reports.choices import ReportFormat
from fengqiao.reports.forms import ReportRequestForm
from fengqiao.reports.models import ReportRun
from fengqiao.reports.periods import period_parse
from fengqiao.reports.services.documents import report_request
from fengqiao.reports.services.expiry import keep_days

CONTENT_TYPES = {ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 ReportFormat.PDF: "application/pdf"}
POLL_SECONDS = 2


def _runs_context(request: HttpRequest) -> dict:
    runs = selectors.report_runs_for(user=request.user)
    return {"runs": runs, "polling": any(run.is_active for run in runs), "poll_seconds": POLL_SECONDS,
            "keep_days": keep_days()}


def _figures_only(request: HttpRequest) -> None:
    if not selectors.figures_visible_to(request.user):
        raise Http404


@staff_view
@require_http_methods(["GET", "HEAD", "POST"])
def documents(request: HttpRequest) -> HttpResponse:
    _figures_only(request)
    form = ReportRequestForm(request.POST if request.method == "POST" else None, user=request.user)
    status = 200
    if request.method == "POST":
        answer = submit_form(
            request, form, success=_("报表申请已提交，生成后可在下方下载。"),
            perform=lambda data: report_request(
                kind=data["kind"], period=data["period"], region=data["region"], fmt=data["file_format"],
                acting_user=request.user, other_matters=data.get("other_matters") or ""),
            success_url=lambda _run: reverse("reports:documents"))
        if not isinstance(answer, int):
            return answer
        status = answer
    return render(request, "reports/documents.html", {"form": form, **_runs_context(request)}, status=status)


@staff_view
@require_safe
def document_runs(request: HttpRequest) -> HttpResponse:
    """The user's runs with their status and progress (polled while one is queued or running)."""
    _figures_only(request)
    return render(request, "reports/partials/report_runs.html", _runs_context(request))


def report_filename(run: ReportRun) -> str:
    """e.g. "青溪县-2026年第3季度-季报.xlsx" (sent as RFC 5987 filename* with an ASCII fallback)."""
    period = period_parse(run.period)
    area = run.region.name if run.region is not None else _("全部辖区")
    label = period.label.replace(" ", "") if period is not None else run.period
    name = f"{area}-{label}-{run.get_kind_display()}.{run.file_format}"
    return "".join(c for c in name if c not in '\\/:*?"<>|\r\n')


@staff_view
@require_safe
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.report_run_for_download(user=request.user, run_id=pk)
    if run is None:
        raise Http404
    try:
        handle = run.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=report_filename(run),
                            content_type=CONTENT_TYPES[ReportFormat(run.file_format)])
    response["X-Content-Type-Options"] = "nosniff"
    return response
