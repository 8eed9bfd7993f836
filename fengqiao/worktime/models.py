"""The working-day calendar as editable rows.

Only exceptions to the Monday-Friday rule are stored: public holidays that fall on
weekdays (is_workday=False) and adjusted working weekends (调休, is_workday=True).
A year counts as covered only when a CalendarYear row says so; for other years the
arithmetic falls back to Monday-Friday and every result carries a warning.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源"), max_length=100, default="manual")
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("已录入的日历年份")
        verbose_name_plural = _("已录入的日历年份")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("是否工作日"))
    name = models.CharField(_("名称"), max_length=50, blank=True, help_text=_("例如：春节、国庆节调休上班"))
    source = models.CharField(_("来源"), max_length=100, default="manual")

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
