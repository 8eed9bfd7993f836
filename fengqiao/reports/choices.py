"""The reports app's choices: the kinds of report document, their file formats and the states of a run."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("月报")
    QUARTERLY = "quarterly", _("季报")
    ANNUAL_PETITION = "annual_petition", _("信访情况年度报告")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel 表格（XLSX）")
    PDF = "pdf", _("PDF 文档")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")
    EXPIRED = "expired", _("文件已删除")


# The period each kind of report covers (reports.periods kinds).
KIND_PERIODS = {ReportKind.MONTHLY: "month", ReportKind.QUARTERLY: "quarter", ReportKind.ANNUAL_PETITION: "year"}
ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class RecommendationKind(models.TextChoices):
    """The recommendations a petition office makes (信访工作条例 第四十一条第三项)."""

    IMPROVE_WORK = "improve_work", _("改进工作")
    IMPROVE_POLICY = "improve_policy", _("完善政策")
    ACCOUNTABILITY = "accountability", _("追究责任")


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("待答复")
    ADOPTED = "adopted", _("已采纳")
    PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")
