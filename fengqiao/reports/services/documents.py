"""Report documents (月报, 季报, 信访情况年度报告) asked for on the reports page and made in the background.

`report_request` checks what is asked for and queues the run once its row is committed; the Celery task
`fengqiao.reports.generate` (run at once where no broker is configured) calls `report_generate`, which counts the
figures as the user who asked, within the jurisdiction they have at that moment, moves the run's progress after
each part, stores the file and marks the run done, or failed with a message saying why.
"""
from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import NotFoundError, ValidationFailed
from fengqiao.regions.models import Region
from fengqiao.reports import selectors
from fengqiao.reports.choices import ACTIVE_STATUSES, KIND_PERIODS, ReportFormat, ReportKind, RunStatus
from fengqiao.reports.documents.content import ReportDocument, ReportUnavailable, report_content
from fengqiao.reports.documents.pdf import report_pdf
from fengqiao.reports.documents.xlsx import report_xlsx
from fengqiao.reports.models import RUN_GIVEN_UP_AFTER, ReportRun
from fengqiao.reports.periods import MONTH, QUARTER, YEAR, Period, period_parse

logger = logging.getLogger(__name__)

MAX_ACTIVE_RUNS = 3  # per user: a fourth waits until one of them is done
MAX_OTHER_MATTERS = 5000
# Progress: 5 when a worker starts, up to 85 while the figures are counted part by part, 95 once written.
STARTED, COUNTED, WRITTEN, DONE = 5, 85, 95, 100
# Stored as written here (msgids) and translated where they are shown.
FAILED_SCOPE = gettext_noop("您已无权查看所选区划的统计，报表未生成。")
FAILED_PERIOD = gettext_noop("统计期间与报表类型不符，报表未生成。")
FAILED_QUEUE = gettext_noop("报表任务无法排队，请稍后重新申请。")
FAILED_INTERNAL = gettext_noop("生成报表时出错，请稍后重新申请；如果仍然失败，请联系管理员。")
PERIOD_FORMS = {MONTH: gettext_noop("月报的统计期间应为一个月，写成 2026-03。"),
                QUARTER: gettext_noop("季报的统计期间应为一个季度，写成 2026-Q3。"),
                YEAR: gettext_noop("年度报告的统计期间应为一年，写成 2026。")}


class ReportFailed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _period_for(kind: str, value: str) -> Period | None:
    """The period `value` names if it is of the kind's length (a month for a monthly report …); whether it has
    begun is checked by the caller."""
    period = period_parse(value or "")
    if period is None or period.kind != KIND_PERIODS[ReportKind(kind)]:
        return None
    return period


@transaction.atomic
def report_request(*, kind: str, period: str, region: Region | None, fmt: str, acting_user: User,
                   other_matters: str = "") -> ReportRun:
    """Queue a report of `kind` over `period` for `region` (None: the user's whole jurisdiction) as `fmt`;
    `other_matters`, for an annual petition report only, is printed as its item 四 (信访工作条例 第四十一条)."""
    if not selectors.figures_visible_to(acting_user):
        raise NotFoundError(_("没有找到该页面。"))
    errors: dict[str, list[str]] = {}
    if kind not in ReportKind.values:
        errors["kind"] = [_("请选择报表类型。")]
    if fmt not in ReportFormat.values:
        errors["file_format"] = [_("请选择文件格式。")]
    chosen = _period_for(kind, period) if kind in ReportKind.values else None
    if kind in ReportKind.values and chosen is None:
        errors["period"] = [_("无法识别统计期间“%(value)s”。") % {"value": (period or "")[:20]}
                            + _(PERIOD_FORMS[KIND_PERIODS[ReportKind(kind)]])]
    elif chosen is not None and chosen.start is not None and chosen.start > timezone.localdate():
        errors["period"] = [_("统计期间“%(value)s”尚未开始。") % {"value": chosen.param}]
    if region is not None and selectors.figures_region(user=acting_user, code=region.code) != region:
        errors["region"] = [_("所选区划不在您的管辖范围内。")]
    other_matters = (other_matters or "").strip()
    if other_matters and kind != ReportKind.ANNUAL_PETITION:
        errors["other_matters"] = [_("只有信访情况年度报告填写其他应当报告的事项。")]
    elif len(other_matters) > MAX_OTHER_MATTERS:
        errors["other_matters"] = [_("过长（最多5000字）。")]
    if errors:
        raise ValidationFailed(_("报表申请有误，请按提示修改。"), field_errors=errors)
    waiting = ReportRun.objects.filter(requested_by=acting_user, status__in=ACTIVE_STATUSES,
                                       created_at__gt=timezone.now() - RUN_GIVEN_UP_AFTER)
    if waiting.count() >= MAX_ACTIVE_RUNS:
        raise ValidationFailed(_("您已有 %(n)d 份报表正在生成，请等其完成后再申请。") % {"n": MAX_ACTIVE_RUNS})
    assert chosen is not None
    run = ReportRun.objects.create(requested_by=acting_user, kind=kind, period=chosen.param, region=region,
                                   file_format=fmt, other_matters=other_matters)
    audit_record(actor=acting_user, action="reports.report_request", obj=run,
                 after={"kind": kind, "period": chosen.param, "region": region.code if region else None,
                        "format": fmt, "other_matters_length": len(other_matters)})
    transaction.on_commit(lambda: report_enqueue(run.pk), robust=True)
    return run


def report_enqueue(run_id: int) -> None:
    """Queue the run's task (run at once when tasks are eager); a broker that cannot take it fails the run."""
    from fengqiao.reports.tasks import report_generate_task

    try:
        report_generate_task.delay(run_id)
    except Exception:
        logger.exception("report run %s could not be queued", run_id)
        ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED, error=FAILED_QUEUE, finished_at=timezone.now())


@transaction.atomic
def _start(run_id: int) -> ReportRun | None:
    """The queued run, now running; None when it is not queued (done already, or taken by another worker)."""
    run = ReportRun.objects.select_for_update().filter(pk=run_id, status=RunStatus.QUEUED).first()
    if run is None:
        return None
    run.status, run.progress = RunStatus.RUNNING, STARTED
    run.save(update_fields=["status", "progress"])
    return run


def _progress(run: ReportRun, value: int) -> None:
    run.progress = value
    ReportRun.objects.filter(pk=run.pk).update(progress=value)


def _document(run: ReportRun) -> ReportDocument:
    """The figures counted as the user who asked, within the jurisdiction they have now."""
    user = User.objects.get(pk=run.requested_by_id)
    region = None
    if run.region_id is not None:
        region = Region.objects.get(pk=run.region_id)
        if selectors.figures_region(user=user, code=region.code) != region:
            raise ReportFailed(FAILED_SCOPE)
    if not selectors.figures_visible_to(user) or not selectors.jurisdiction_roots(user=user):
        raise ReportFailed(FAILED_SCOPE)
    period = _period_for(run.kind, run.period)
    if period is None:
        raise ReportFailed(FAILED_PERIOD)

    def counted(done: int, total: int) -> None:
        _progress(run, STARTED + (COUNTED - STARTED) * done // total)

    try:
        return report_content(user=user, kind=run.kind, period=period, region=region, on_progress=counted,
                              other_matters=run.other_matters)
    except ReportUnavailable as exc:
        raise ReportFailed(exc.message) from exc


def _fail(run: ReportRun, message: str) -> None:
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=message, finished_at=timezone.now())
    audit_record(actor=None, action="reports.report_generate", obj=run, after={"error": message},
                 outcome=AuditEntry.Outcome.FAILED)


def report_generate(*, run_id: int) -> ReportRun | None:
    """Make the run's document and store it; the run ends done (progress 100, with its file) or failed (with a
    message). A run that is not queued is left alone (a task delivered twice); None then."""
    run = _start(run_id)
    if run is None:
        return None
    try:
        document = _document(run)
        data = report_pdf(document) if run.file_format == ReportFormat.PDF else report_xlsx(document)
        _progress(run, WRITTEN)
        with transaction.atomic():
            run.file.save(f"{run.kind}-{run.period}-{run.pk}.{run.file_format}", ContentFile(data), save=False)
            run.status, run.progress, run.finished_at = RunStatus.DONE, DONE, timezone.now()
            run.save(update_fields=["file", "status", "progress", "finished_at"])
            audit_record(actor=None, action="reports.report_generate", obj=run,
                         after={"status": run.status, "bytes": len(data)})
    except ReportFailed as exc:
        _fail(run, exc.message)
    except Exception:
        logger.exception("report run %s failed", run_id)
        _fail(run, FAILED_INTERNAL)
    run.refresh_from_db()
    return run
