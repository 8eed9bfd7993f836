"""Workflow as data: processes, states with fixed kinds, allowed transitions, deadline rules."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.choices import ClockStart, DeadlineUnit, NoticeKind, StateKind, TransitionEffect


class Process(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("流程")
        verbose_name_plural = _("流程")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def initial_state(self) -> State:
        return self.states.get(is_initial=True)


class State(models.Model):
    process = models.ForeignKey(Process, verbose_name=_("流程"), on_delete=models.CASCADE, related_name="states")
    code = models.SlugField(_("代码"), max_length=40)
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=10, choices=StateKind.choices)
    is_initial = models.BooleanField(_("初始环节"), default=False)
    ends_unsettled = models.BooleanField(
        _("终结但未化解"), default=False,
        help_text=_("不予受理、告知其他途径、转紧急热线等：案件在此终结，但不计入任何化解、办结数字"),
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("环节")
        verbose_name_plural = _("环节")
        ordering = ["process_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "code"], name="unique_state_code"),
            models.UniqueConstraint(
                fields=["process"], condition=models.Q(is_initial=True), name="one_initial_state_per_process"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.kind == StateKind.OPEN

    @property
    def is_closed(self) -> bool:
        return self.kind == StateKind.CLOSED


class Transition(models.Model):
    process = models.ForeignKey(Process, verbose_name=_("流程"), on_delete=models.CASCADE, related_name="transitions")
    action = models.SlugField(_("动作"), max_length=40)
    name = models.CharField(_("名称"), max_length=60)
    from_state = models.ForeignKey(State, verbose_name=_("起始环节"), on_delete=models.CASCADE, related_name="+")
    to_state = models.ForeignKey(State, verbose_name=_("目标环节"), on_delete=models.CASCADE, related_name="+")
    effect = models.CharField(
        _("作用"), max_length=20, choices=TransitionEffect.choices, default=TransitionEffect.NONE,
        help_text=_("该步骤做什么（交办、退回、受理、办结、重新办理等）：系统按作用办理，不按动作代码"),
    )
    allowed_roles = models.JSONField(_("可执行角色"), default=list, help_text=_("角色代码列表；assignee 表示当前承办人"))
    requires_note = models.BooleanField(_("必须填写理由"), default=False)
    notice_kind = models.CharField(
        _("书面告知"), max_length=30, choices=NoticeKind.choices, blank=True,
        help_text=_("不予受理或告知其他途径的步骤：须选择告知的途径，并出具告知书"),
    )
    requires_routes = models.BooleanField(
        _("须记录告知的途径"), default=False,
        help_text=_("人民调解法 第二十六条：调解不成的，告知当事人可以通过仲裁、行政、司法等途径维护权利"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("流转规则")
        verbose_name_plural = _("流转规则")
        ordering = ["process_id", "from_state__order", "id"]
        constraints = [models.UniqueConstraint(fields=["process", "action", "from_state"], name="unique_transition")]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state} ({self.name})"

    def clean(self) -> None:
        """The effect must fit the states (see effect_problem); an open step must always offer a way on: the last
        active step out of it cannot be switched off."""
        problem = effect_problem(self) if self.from_state_id and self.to_state_id else None
        if problem:
            raise ValidationError({"effect": problem})
        if self.pk is None or self.is_active:
            return
        saved = Transition.objects.filter(pk=self.pk).select_related("from_state").first()
        if saved is None or not saved.is_active or saved.from_state.kind != StateKind.OPEN:
            return
        others = Transition.objects.filter(from_state_id=saved.from_state_id, is_active=True).exclude(pk=self.pk)
        if not others.exists():
            raise ValidationError(
                _("“%(state)s”是办理中环节，必须至少保留一个启用的流转规则。") % {"state": saved.from_state.name}
            )


E = TransitionEffect
# Effects that leave the case being handled (the target is an open step), and those that settle or answer it.
EFFECTS_TO_OPEN = {E.ASSIGN, E.TRANSFER, E.ACCEPT, E.RETURN, E.REFUSED, E.REQUEST_REVIEW, E.REQUEST_RE_REVIEW, E.REOPEN}
EFFECTS_TO_RESOLVED = {E.SETTLE, E.FAIL, E.ANSWER, E.FOLLOW_UP}


def effect_problem(transition: Transition) -> str | None:
    """Why `transition`'s effect does not fit its states, or None: a step into a closed state closes (办结) or, where
    the state ends unsettled, declines; a step out of a closed state reopens; the others go where their effect
    says (handling effects into an open step, settling and answering effects into a resolved one)."""
    source, target, effect = transition.from_state, transition.to_state, transition.effect
    if target.kind == StateKind.CLOSED:
        expected = E.DECLINE if target.ends_unsettled else E.CLOSE
        if effect != expected:
            return _("进入“%(state)s”的步骤，作用应为“%(effect)s”。") % {"state": target.name, "effect": expected.label}
        return None
    if source.kind == StateKind.CLOSED and effect != E.REOPEN:
        return _("从“%(state)s”出发的步骤，作用应为“重新办理”。") % {"state": source.name}
    if effect in {E.CLOSE, E.DECLINE}:
        return _("“%(effect)s”的步骤应进入已办结环节。") % {"effect": TransitionEffect(effect).label}
    if effect == E.REOPEN and source.kind == StateKind.OPEN:
        return _("“重新办理”的步骤应从已化解或已办结环节出发。")
    if effect in EFFECTS_TO_OPEN and target.kind != StateKind.OPEN:
        return _("“%(effect)s”的步骤应进入办理中环节。") % {"effect": TransitionEffect(effect).label}
    if effect in EFFECTS_TO_RESOLVED and target.kind != StateKind.RESOLVED:
        return _("“%(effect)s”的步骤应进入已化解环节。") % {"effect": TransitionEffect(effect).label}
    return None


class Category(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    parent = models.ForeignKey("self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DisputeType(models.Model):
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("纠纷类型")
        verbose_name_plural = _("纠纷类型")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class DeadlineRule(models.Model):
    """How long a step may take. The most specific active rule (deepest region) wins."""

    process = models.ForeignKey(Process, verbose_name=_("流程"), on_delete=models.CASCADE, related_name="deadline_rules")
    state = models.ForeignKey(State, verbose_name=_("环节"), on_delete=models.CASCADE, related_name="deadline_rules")
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("适用区划"), null=True, blank=True, on_delete=models.CASCADE,
        help_text=_("留空表示全部区划"),
    )
    duration = models.PositiveIntegerField(_("期限"))
    unit = models.CharField(_("单位"), max_length=20, choices=DeadlineUnit.choices)
    start_event = models.CharField(_("起算"), max_length=20, choices=ClockStart.choices, default=ClockStart.STATE_ENTERED)
    roll_to_workday = models.BooleanField(_("末日遇节假日顺延"), default=False)
    warn_ratio = models.DecimalField(_("预警比例"), max_digits=3, decimal_places=2, default=0.80)
    max_extension = models.PositiveIntegerField(_("最多延长"), default=0, help_text=_("与期限单位相同；0 表示不可延期"))
    extension_by_head = models.BooleanField(
        _("延期须经负责人批准"), default=False,
        help_text=_("只有承办机关、单位的负责人可以批准延期（如信访工作条例 第三十四条）"),
    )
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("更新人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("时限规则")
        verbose_name_plural = _("时限规则")
        ordering = ["process_id", "state__order"]

    def __str__(self) -> str:
        return f"{self.state} {self.duration} {self.get_unit_display()}"

    def clean(self) -> None:
        """Every open step must keep a clock: the default rule (all regions) of an open step cannot be switched
        off or narrowed to one region unless another active default rule exists."""
        if self.pk is None:
            return
        saved = DeadlineRule.objects.filter(pk=self.pk).select_related("state").first()
        if saved is None or saved.region_id is not None or not saved.is_active or saved.state.kind != StateKind.OPEN:
            return
        if self.is_active and self.region_id is None and self.state_id == saved.state_id:
            return
        others = DeadlineRule.objects.filter(state_id=saved.state_id, region__isnull=True, is_active=True).exclude(pk=self.pk)
        if not others.exists():
            raise ValidationError(
                _("“%(state)s”是办理中环节，必须保留一条适用全部区划的有效时限规则。") % {"state": saved.state.name}
            )
