"""Count tables: the figures of the dashboards and the figures page, kept current from the case events.

A case counts once at every level of its region (one row per ancestor path: county, street, community, grid) and,
at each level, once per dimension: in the row of "all" cases and in the row of its value for each of process,
category, dispute type, channel and lead department (Zulip's analytics keep subgroups the same way), and in two
crossed rows, its process with its category and its process with its lead department, so the figures of one
process (the petitions of the annual report, 信访工作条例 第四十一条) can be grouped by category and department. So the
figures of any region are an index lookup on (`region_path`, `dimension`) and a small sum: the total reads only
"all" rows, a grouping by category only category rows, however many cases the region holds.
`CaseTally` remembers what each case contributes now, so a change of the case moves exactly its own counts.
A petition that names an accused body also counts in the row of that body (dimension "accused"), and the daily
rows count the petition office's 转送, 交办 and 督办 (信访工作条例 第四十一条第二项) besides the case figures.
`ReportRun` is a report document asked for; `Recommendation` a recommendation of the petition office (第三项).
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.reports.choices import (
    ACTIVE_STATUSES,
    RecommendationKind,
    RecommendationStatus,
    ReportFormat,
    ReportKind,
    RunStatus,
)

# The due day of a case that has no running clock (closed, resolved, paused or without a rule): never overdue.
NO_DUE = dt.date(9999, 12, 31)


class Dimension(models.TextChoices):
    ALL = "all", _("全部")
    PROCESS = "process", _("流程")
    CATEGORY = "category", _("诉求类别")
    DISPUTE_TYPE = "dispute_type", _("纠纷类型")
    CHANNEL = "channel", _("来源渠道")
    DEPARTMENT = "department", _("主办部门")
    # Crossed: value "<process id>:<category id>" / "<process id>:<department id>" (facts version 2 and later)
    PROCESS_CATEGORY = "proc_category", _("流程 × 诉求类别")
    PROCESS_DEPARTMENT = "proc_department", _("流程 × 主办部门")
    # The body a petition accuses (PetitionDetail.accused_department; facts version 3 and later): only cases that
    # name one count in it, so its rows do not add up to "all".
    ACCUSED = "accused", _("被投诉机关、单位")


class CountKey(models.Model):
    region_path = models.CharField(_("区划路径"), max_length=400)
    depth = models.PositiveSmallIntegerField(_("层级深度"))  # 0 = county
    dimension = models.CharField(_("维度"), max_length=16, choices=Dimension.choices)
    # The id of the process, category, dispute type or department ("0": none), the channel's code, "" for "all";
    # "<process id>:<id>" for the crossed dimensions
    value = models.CharField(_("取值"), max_length=32, blank=True)

    class Meta:
        abstract = True


class DailyCount(CountKey):
    """What happened on a day: cases received, closed (on time or late), follow-ups answered (settled, satisfied).
    Each figure counts on the day of its own moment: received_at, closed_at, answered_at (local dates)."""

    day = models.DateField(_("日期"))
    received = models.IntegerField(_("收到"), default=0)
    closed = models.IntegerField(_("办结"), default=0)
    closed_on_time = models.IntegerField(_("按期办结"), default=0)
    closed_late = models.IntegerField(_("超期办结"), default=0)
    answered = models.IntegerField(_("完成回访"), default=0)
    settled = models.IntegerField(_("已解决"), default=0)
    satisfied = models.IntegerField(_("满意"), default=0)
    dissatisfied = models.IntegerField(_("不满意"), default=0)
    # The petition office's steps (信访工作条例 第四十一条第二项), each on the day it was taken (facts version 3).
    transferred = models.IntegerField(_("转送"), default=0)
    assigned = models.IntegerField(_("交办"), default=0)
    supervised = models.IntegerField(_("督办"), default=0)

    class Meta:
        verbose_name = _("每日计数")
        verbose_name_plural = _("每日计数")
        constraints = [models.UniqueConstraint(fields=["region_path", "dimension", "value", "day"],
                                               name="daily_count_key")]
        indexes = [models.Index(fields=["depth", "dimension", "region_path", "day"], name="daily_count_level")]

    def __str__(self) -> str:
        return f"{self.day} {self.region_path} {self.dimension}={self.value}"


class StateCount(CountKey):
    """How many cases are in each state now; an open case with a running clock also by its due day, so "overdue"
    is `due_on < today` at the moment the figures are read."""

    state_id = models.PositiveIntegerField(_("环节"))
    due_on = models.DateField(_("本环节期限日"), default=NO_DUE)
    cases = models.IntegerField(_("案件数"), default=0)

    class Meta:
        verbose_name = _("环节计数")
        verbose_name_plural = _("环节计数")
        constraints = [models.UniqueConstraint(fields=["region_path", "dimension", "value", "state_id", "due_on"],
                                               name="state_count_key")]
        indexes = [models.Index(fields=["depth", "dimension", "region_path"], name="state_count_level")]

    def __str__(self) -> str:
        return f"{self.region_path} {self.state_id} {self.cases}"


class CaseTally(models.Model):
    """What one case contributes to the count tables now (see reports.services.facts.CaseFacts)."""

    case_id = models.PositiveIntegerField(_("案件"), primary_key=True)
    facts = models.JSONField(_("计入的数"), default=dict)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("案件计数记录")
        verbose_name_plural = _("案件计数记录")

    def __str__(self) -> str:
        return str(self.case_id)


# A run still queued or running this long after it was asked for is taken to have been lost with its worker: the
# page stops polling it and it no longer counts towards the runs a user may have waiting.
RUN_GIVEN_UP_AFTER = dt.timedelta(hours=1)


def report_upload_to(run: ReportRun, filename: str) -> str:
    """Stored under reports/<year>/<month>/ by the run's id (the download names the file in Chinese)."""
    return f"reports/{run.created_at:%Y/%m}/{filename}"


class ReportRun(models.Model):
    """A report document asked for by a user: generated in the background with its progress, then kept for the
    user who asked for it to download (reports.services.documents)."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                     related_name="+")
    kind = models.CharField(_("报表类型"), max_length=20, choices=ReportKind.choices)
    period = models.CharField(_("统计期间"), max_length=10)  # as reports.periods names it: "2026-03", "2026-Q3", "2026"
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # None: the whole jurisdiction
    file_format = models.CharField(_("文件格式"), max_length=8, choices=ReportFormat.choices)
    status = models.CharField(_("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    file = models.FileField(_("文件"), upload_to=report_upload_to, blank=True, max_length=200)
    error = models.TextField(_("失败原因"), blank=True)
    # 信访工作条例 第四十一条第四项: what the requester adds to an annual report, printed as written.
    other_matters = models.TextField(_("其他应当报告的事项"), blank=True)
    # When the stored file was deleted (FENGQIAO_REPORT_KEEP_DAYS after the run finished): the run is expired.
    expired_at = models.DateTimeField(_("文件删除时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报表生成记录")
        verbose_name_plural = _("报表生成记录")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="report_run_requester")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.get_status_display()})"

    @property
    def removal_due(self) -> dt.datetime | None:
        """When the file of a finished run will be deleted (reports.services.expiry); None for any other run."""
        if self.finished_at is None or self.status != RunStatus.DONE:
            return None
        return self.finished_at + dt.timedelta(days=max(1, int(settings.FENGQIAO_REPORT_KEEP_DAYS)))

    @property
    def is_active(self) -> bool:
        """Queued or running, and not given up on (a worker that died leaves its run "running")."""
        return self.status in ACTIVE_STATUSES and self.created_at > timezone.now() - RUN_GIVEN_UP_AFTER


class Recommendation(models.Model):
    """A recommendation the petition office made to a body: to improve its work, to improve a policy, or to hold
    someone accountable, and whether the body adopted it (信访工作条例 第四十一条第三项). Written only through
    reports.services.recommendations."""

    kind = models.CharField(_("建议类别"), max_length=20, choices=RecommendationKind.choices)
    addressed_to = models.ForeignKey("regions.Department", verbose_name=_("建议对象（机关、单位）"),
                                     on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="+")
    region_path = models.CharField(_("区划路径"), max_length=400, editable=False)  # the region's, for the scope
    text = models.TextField(_("建议内容"))
    made_on = models.DateField(_("提出日期"))
    status = models.CharField(_("采纳情况"), max_length=16, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.PENDING)
    decided_on = models.DateField(_("答复日期"), null=True, blank=True)
    decision_note = models.TextField(_("采纳情况说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("信访工作建议")
        verbose_name_plural = _("信访工作建议")
        ordering = ["-made_on", "-pk"]
        indexes = [models.Index(fields=["region_path", "made_on"], name="recommendation_scope")]

    def __str__(self) -> str:
        return f"{self.made_on} {self.get_kind_display()} {self.addressed_to}"
