"""Joint handling (联合处置): the record of a joint meeting of the departments working on a case."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JointMeeting(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.CASCADE, related_name="joint_meetings")
    held_at = models.DateTimeField(_("会议时间"))
    place = models.CharField(_("会议地点"), max_length=200)
    chaired_by = models.CharField(_("主持人"), max_length=100)
    departments = models.ManyToManyField(
        "regions.Department", verbose_name=_("参会部门"), related_name="joint_meetings", blank=True
    )
    other_attendees = models.CharField(_("其他参会单位或人员"), max_length=500, blank=True)
    minutes = models.TextField(_("会议纪要"))
    decisions = models.TextField(_("议定事项"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["case_id", "held_at", "id"]

    def __str__(self) -> str:
        return f"{self.held_at:%Y-%m-%d} {self.place}"
