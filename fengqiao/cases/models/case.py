"""A case (矛盾纠纷, 信访事项 or 诉求工单), its parties and attachments."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import (
    MANY_PARTY_THRESHOLD,
    DeadlineStatus,
    PartyKind,
    PartyRole,
    StateKind,
    Urgency,
)
from fengqiao.cases.querysets import CaseQuerySet
from fengqiao.core.lookup_keys import HASH_LENGTH
from fengqiao.core.masking import mask_id_number, mask_phone
from fengqiao.intake.choices import Channel

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


class Case(models.Model):
    tracking_code = models.CharField(_("查询码"), max_length=12, unique=True, default=new_tracking_code, editable=False)
    process = models.ForeignKey("cases.Process", verbose_name=_("流程"), on_delete=models.PROTECT, related_name="cases")
    state = models.ForeignKey("cases.State", verbose_name=_("环节"), on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(_("来源渠道"), max_length=20, choices=Channel.choices)
    title = models.CharField(_("标题"), max_length=200)
    narrative = models.TextField(_("诉求内容"))
    region = models.ForeignKey("regions.Region", verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="cases")
    region_path = models.CharField(max_length=400, db_index=True, editable=False)
    address = models.CharField(_("详细地址"), max_length=300, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    category = models.ForeignKey(
        "cases.Category", verbose_name=_("诉求类别"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    dispute_type = models.ForeignKey(
        "cases.DisputeType", verbose_name=_("纠纷类型"), null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    party_count = models.PositiveIntegerField(_("当事人数"), default=1)
    external_ref = models.CharField(_("外部编号"), max_length=64, blank=True, db_index=True)
    received_at = models.DateTimeField(_("收到时间"), db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_department = models.ForeignKey(
        "regions.Department", verbose_name=_("主办部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("主办人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The clock of the current step, stored here so "overdue" is a cheap filter.
    clock_started_at = models.DateTimeField(_("本环节起算"), null=True, blank=True)
    warn_at = models.DateTimeField(_("临期提醒时间"), null=True, blank=True, db_index=True)
    due_at = models.DateTimeField(_("本环节期限"), null=True, blank=True, db_index=True)
    deadline_rule = models.ForeignKey(
        "cases.DeadlineRule", verbose_name=_("适用时限规则"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    calendar_warning = models.CharField(_("日历提示"), max_length=200, blank=True)
    # Who chose the current step's due date (an earlier date than the rule's, set when 交办); empty: the rule set it.
    # A date a person set is never recounted (a calendar or rule change moves only the rule's dates).
    due_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("本环节期限设定人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("留空表示按时限规则计算"),
    )
    # Set while the current step's clock is paused (e.g. a 听证 hearing); the ClockPause row holds the detail.
    clock_paused_at = models.DateTimeField(_("计时暂停于"), null=True, blank=True)
    # The level that handles the case now (上报 moves it up); empty means the case's own region.
    handling_region = models.ForeignKey(
        "regions.Region", verbose_name=_("承办层级"), null=True, blank=True, on_delete=models.PROTECT, related_name="handled_cases"
    )
    # After 复核 the same facts are not accepted again (信访工作条例 Art. 35).
    is_final_review = models.BooleanField(_("已复核终结"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=1)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["region_path", "received_at"]),
            models.Index(fields=["lead_department", "state"]),
            models.Index(fields=["is_final_review"], condition=models.Q(is_final_review=True), name="case_final_review_idx"),
            # cases near a point (linked cases: the warning app's clusters), without walking a county's cases
            models.Index(fields=["latitude", "longitude"], name="case_point_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        year = self.received_at.year if self.received_at else timezone.now().year
        return f"FQ{year}-{self.pk or 0:06d}"

    @property
    def is_many_party(self) -> bool:
        return self.party_count > MANY_PARTY_THRESHOLD

    @property
    def is_open(self) -> bool:
        return self.state.kind == StateKind.OPEN

    @property
    def is_paused(self) -> bool:
        return self.clock_paused_at is not None

    @property
    def current_handling_region(self):
        """The level handling the case now: the region it was escalated to, or its own region."""
        return self.handling_region if self.handling_region_id else self.region

    @property
    def due_chosen(self) -> bool:
        """True when a person chose the current step's due date (earlier than the rule's); False: the rule's."""
        return self.due_set_by_id is not None

    def deadline_status(self, now=None) -> str:
        if not self.due_at or self.state.kind != StateKind.OPEN:
            return DeadlineStatus.NONE
        if self.clock_paused_at is not None:
            return DeadlineStatus.PAUSED
        now = now or timezone.now()
        if now > self.due_at:
            return DeadlineStatus.RED
        if self.warn_at and now >= self.warn_at:
            return DeadlineStatus.YELLOW
        return DeadlineStatus.GREEN

    def get_deadline_status_display(self) -> str:
        return str(DeadlineStatus(self.deadline_status()).label)


class Party(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("类型"), max_length=20, choices=PartyKind.choices, default=PartyKind.PERSON)
    role = models.CharField(_("身份"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("姓名/名称"), max_length=100, db_index=True)  # the search box finds a party by name
    id_number = models.CharField(_("身份证号/统一社会信用代码"), max_length=30, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    address = models.CharField(_("住址"), max_length=300, blank=True)
    # Keyed hashes of the normalised numbers (fengqiao.core.lookup_keys), written with the numbers by the cases
    # services; the search compares these, never the numbers.
    phone_hash = models.CharField(_("电话检索码"), max_length=HASH_LENGTH, blank=True, db_index=True, editable=False)
    id_number_hash = models.CharField(_("证件号检索码"), max_length=HASH_LENGTH, blank=True, db_index=True, editable=False)
    is_representative = models.BooleanField(_("代表人"), default=False)

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["case_id", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class Attachment(models.Model):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
