"""Risk levels: recomputing them from the facts, the weights (a new version per change) and a person's override.

A red level — computed or set by a person — raises one alert to the leader of the area (services.alerts)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.warning.choices import AlertKind, RiskLevel
from fengqiao.warning.engine.risk import DEFAULT_WEIGHTS, WEIGHT_KEYS, Assessment, assess, weights_problems
from fengqiao.warning.facts import facts_for
from fengqiao.warning.models import RiskAssessment, RiskOverride, RiskWeights
from fengqiao.warning.services.alerts import alert_raise

OVERRIDE_ROLES = {Role.CENTER, Role.LEADER, Role.ADMIN}
NOTE_MAX = 1000


def risk_weights_current() -> RiskWeights:
    """The weights in force; the first use writes version 1 from the defaults."""
    current = RiskWeights.objects.order_by("-version").first()
    if current is None:
        with transaction.atomic():
            current, _created = RiskWeights.objects.get_or_create(
                version=1, defaults={"weights": dict(DEFAULT_WEIGHTS), "note": "默认权重"})
    return current


@transaction.atomic
def risk_weights_save(*, weights: dict[str, Any], note: str, acting_user: User) -> RiskWeights:
    """A new version of the weights (administrators only). Levels follow at the next recompute."""
    if not (acting_user.is_superuser or acting_user.has_role(Role.ADMIN)):
        raise PermissionRefused(_("只有管理员可以修改风险权重。"))
    clean = {k: weights.get(k) for k in WEIGHT_KEYS}
    problems = weights_problems(clean)
    if problems:
        raise ValidationFailed(_("权重须为非负整数，且红色阈值 > 橙色阈值 > 黄色阈值 > 0。"),
                               field_errors={p: [_("无效")] for p in problems})
    if not (note or "").strip():
        raise ValidationFailed(_("请写明修改原因。"), field_errors={"note": [_("必填")]})
    before = risk_weights_current()
    version = (RiskWeights.objects.aggregate(v=Max("version"))["v"] or 0) + 1
    row = RiskWeights.objects.create(version=version, weights=clean, note=note.strip()[:300], created_by=acting_user)
    audit_record(actor=acting_user, action="warning.weights_saved", obj=row,
                 before={"version": before.version, "weights": before.weights},
                 after={"version": row.version, "weights": row.weights})
    return row


def active_override(case_id: int) -> RiskOverride | None:
    return RiskOverride.objects.filter(case_id=case_id, cleared_at__isnull=True).select_related("created_by").first()


def _raise_red(case: Case, *, score: int, reasons: list[dict[str, Any]], by_person: bool) -> None:
    alert_raise(kind=AlertKind.RED_RISK, subject_type="case", subject_id=case.pk, region=case.region,
                dedup_key=f"red_risk:case:{case.pk}",
                title=_("红色风险：%(ref)s %(title)s") % {"ref": case.reference, "title": case.title},
                detail={"score": score, "reasons": reasons, "override": by_person})


def risk_recompute(*, case_ids: list[int], as_of: dt.datetime | None = None, raise_alerts: bool = True) -> int:
    """Recompute the levels of these cases (system work). Closed cases lose their level and override.

    The facts are read and the levels worked out before the write transaction opens, which only stores them:
    SQLite holds its one write lock for a whole transaction, and a worker computing inside one would make the
    requests that register cases wait."""
    cases = list(Case.objects.filter(pk__in=case_ids).select_related("state", "region").prefetch_related("parties"))
    open_cases = [c for c in cases if c.state.kind == StateKind.OPEN]
    closed = [c.pk for c in cases if c.state.kind != StateKind.OPEN]
    weights = risk_weights_current()
    facts = facts_for(open_cases, as_of=as_of) if open_cases else {}
    results = {case.pk: assess(facts[case.pk], weights.weights) for case in open_cases}
    with transaction.atomic():
        for case_id in closed:
            risk_case_closed(case_id=case_id)
        if not open_cases:
            return 0
        return _store_levels(open_cases, results, weights, raise_alerts=raise_alerts)


def _store_levels(open_cases: list[Case], results: dict[int, Assessment], weights: RiskWeights, *, raise_alerts: bool) -> int:
    existing = {a.case_id: a for a in RiskAssessment.objects.filter(case_id__in=[c.pk for c in open_cases])}
    overrides = dict(RiskOverride.objects.filter(case_id__in=[c.pk for c in open_cases], cleared_at__isnull=True)
                     .values_list("case_id", "level"))
    now = timezone.now()
    changed: list[RiskAssessment] = []
    for case in open_cases:
        result = results[case.pk]
        reasons = [r.as_dict() for r in result.reasons]
        row = existing.get(case.pk) or RiskAssessment(case=case)
        was_red = row.pk is not None and row.level == RiskLevel.RED
        row.region_path, row.level, row.score, row.reasons = case.region_path, result.level, result.score, reasons
        row.weights, row.computed_at = weights, now
        changed.append(row)
        # a computed level that turns red raises the alert; a person's red override raised it when it was set
        if raise_alerts and case.pk not in overrides and result.level == RiskLevel.RED and not was_red:
            _raise_red(case, score=result.score, reasons=reasons, by_person=False)
    RiskAssessment.objects.bulk_create([r for r in changed if r.pk is None], batch_size=500)
    RiskAssessment.objects.bulk_update([r for r in changed if r.pk is not None],
                                       ["region_path", "level", "score", "reasons", "weights", "computed_at"],
                                       batch_size=500)
    return len(changed)


@transaction.atomic
def risk_case_closed(*, case_id: int) -> None:
    """The case left handling: no level any more, and a person's override ends with it (audited)."""
    RiskAssessment.objects.filter(case_id=case_id).delete()
    override = RiskOverride.objects.select_for_update().filter(case_id=case_id, cleared_at__isnull=True).first()
    if override is not None:
        override.cleared_at = timezone.now()
        override.clear_note = "案件已办结"
        override.save(update_fields=["cleared_at", "clear_note"])
        audit_record(actor=None, action="warning.override_cleared", obj=override,
                     before={"level": override.level}, after={"cleared": "case_closed"})


def _case_for_override(case_id: int, acting_user: User) -> Case:
    from fengqiao.cases.permissions import roles_for_case

    case = Case.objects.visible_to(acting_user).select_related("state", "region").filter(pk=case_id).first()
    if case is None:
        raise NotFoundError(_("未找到该案件。"))
    if not (acting_user.is_superuser or roles_for_case(acting_user, case) & OVERRIDE_ROLES):
        raise PermissionRefused(_("只有中心工作人员、领导和管理员可以认定风险等级。"))
    if case.state.kind != StateKind.OPEN:
        raise TransitionRefused(_("案件已办结，不再研判风险。"))
    return case


def _note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("请写明认定理由。"), field_errors={"note": [_("必填")]})
    if len(note) > NOTE_MAX:
        raise ValidationFailed(_("理由过长（最多%(n)d字）。") % {"n": NOTE_MAX}, field_errors={"note": [_("过长")]})
    return note


@transaction.atomic
def risk_override_set(*, case_id: int, level: str, note: str, acting_user: User) -> RiskOverride:
    """Set the level by hand with a note; it stands until cleared or the case closes. Red raises an alert."""
    if level not in RiskLevel.values:
        raise ValidationFailed(_("未知的风险等级。"), field_errors={"level": [_("无效")]})
    case = _case_for_override(case_id, acting_user)
    note = _note(note)
    previous = RiskOverride.objects.select_for_update().filter(case=case, cleared_at__isnull=True).first()
    now = timezone.now()
    if previous is not None:
        previous.cleared_by, previous.cleared_at, previous.clear_note = acting_user, now, "重新认定"
        previous.save(update_fields=["cleared_by", "cleared_at", "clear_note"])
    override = RiskOverride.objects.create(case=case, level=level, note=note, created_by=acting_user, created_at=now)
    audit_record(actor=acting_user, action="warning.override_set", obj=override,
                 before={"level": previous.level} if previous else None, after={"level": level, "note": note})
    if level == RiskLevel.RED:
        assessment = RiskAssessment.objects.filter(case=case).first()
        _raise_red(case, score=assessment.score if assessment else 0,
                   reasons=assessment.reasons if assessment else [], by_person=True)
    return override


@transaction.atomic
def risk_override_clear(*, case_id: int, note: str, acting_user: User) -> RiskOverride:
    """End the override: the computed level applies again."""
    case = _case_for_override(case_id, acting_user)
    override = RiskOverride.objects.select_for_update().filter(case=case, cleared_at__isnull=True).first()
    if override is None:
        raise TransitionRefused(_("该案件没有人工认定的风险等级。"))
    override.cleared_by, override.cleared_at = acting_user, timezone.now()
    override.clear_note = _note(note)[:300]
    override.save(update_fields=["cleared_by", "cleared_at", "clear_note"])
    audit_record(actor=acting_user, action="warning.override_cleared", obj=override,
                 before={"level": override.level}, after={"cleared": override.clear_note})
    return override
