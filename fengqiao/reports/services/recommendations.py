"""The petition office's recommendations (信访工作条例 第四十一条第三项): to improve a body's work, to improve a
policy, or to hold someone accountable, and whether the body adopted them. Recorded and updated by the county's
and streets' centers and administrators within their jurisdiction; counted and listed in the annual petition
report (reports.documents.content)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import NotFoundError, ValidationFailed
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import county_path
from fengqiao.reports import selectors
from fengqiao.reports.choices import RecommendationKind, RecommendationStatus
from fengqiao.reports.models import Recommendation

MAX_TEXT = 5000


def _snapshot(item: Recommendation) -> dict:
    return {"kind": item.kind, "addressed_to": item.addressed_to_id, "region": item.region_id, "made_on":
            item.made_on.isoformat(), "status": item.status, "length": len(item.text),
            "decided_on": item.decided_on.isoformat() if item.decided_on else None,
            "decision_note_length": len(item.decision_note)}


def _check_may_record(acting_user: User) -> None:
    if not selectors.recommendations_writable_by(acting_user):
        raise NotFoundError(_("没有找到该页面。"))


def _clean_text(value: str, field: str, errors: dict[str, list[str]], *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = [_("必填。")]
    elif len(value) > MAX_TEXT:
        errors[field] = [_("过长（最多5000字）。")]
    return value


@transaction.atomic
def recommendation_record(*, acting_user: User, kind: str, addressed_to: Department | None, region: Region | None,
                          text: str, made_on: dt.date | None) -> Recommendation:
    """Record a recommendation made to `addressed_to` (a body of the region's county) about `region`."""
    _check_may_record(acting_user)
    errors: dict[str, list[str]] = {}
    if kind not in RecommendationKind.values:
        errors["kind"] = [_("请选择建议类别。")]
    if region is None or not selectors.recommendation_region_allowed(user=acting_user, region=region):
        errors["region"] = [_("所选区划不在您的管辖范围内。")]
    if addressed_to is None or not addressed_to.is_active:
        errors["addressed_to"] = [_("请选择启用中的机关、单位。")]
    elif region is not None and county_path(addressed_to.home_region.path) != county_path(region.path):
        errors["addressed_to"] = [_("建议对象应为本县（区）的机关、单位。")]
    text = _clean_text(text, "text", errors, required=True)
    if made_on is None:
        errors["made_on"] = [_("请填写提出日期。")]
    elif made_on > timezone.localdate():
        errors["made_on"] = [_("提出日期不能晚于今天。")]
    if errors:
        raise ValidationFailed(_("建议登记有误，请按提示修改。"), field_errors=errors)
    assert region is not None and addressed_to is not None and made_on is not None
    item = Recommendation.objects.create(kind=kind, addressed_to=addressed_to, region=region, region_path=region.path,
                                         text=text, made_on=made_on, created_by=acting_user)
    audit_record(actor=acting_user, action="reports.recommendation_record", obj=item, after=_snapshot(item))
    return item


@transaction.atomic
def recommendation_decide(*, acting_user: User, recommendation_id: int, status: str, decided_on: dt.date | None,
                          note: str = "") -> Recommendation:
    """Record whether the body adopted the recommendation (fully, in part or not), on which day and how; back to
    pending clears the day."""
    _check_may_record(acting_user)
    item = selectors.recommendation_get(user=acting_user, recommendation_id=recommendation_id, for_update=True)
    if item is None:
        raise NotFoundError(_("没有找到该建议。"))
    errors: dict[str, list[str]] = {}
    if status not in RecommendationStatus.values:
        errors["status"] = [_("请选择采纳情况。")]
    note = _clean_text(note, "decision_note", errors, required=False)
    if status == RecommendationStatus.PENDING:
        decided_on = None
    elif decided_on is None:
        errors["decided_on"] = [_("请填写答复日期。")]
    elif decided_on < item.made_on:
        errors["decided_on"] = [_("答复日期不能早于提出日期（%(day)s）。") % {"day": item.made_on.isoformat()}]
    elif decided_on > timezone.localdate():
        errors["decided_on"] = [_("答复日期不能晚于今天。")]
    if errors:
        raise ValidationFailed(_("采纳情况有误，请按提示修改。"), field_errors=errors)
    before = _snapshot(item)
    item.status, item.decided_on, item.decision_note = status, decided_on, note
    item.save(update_fields=["status", "decided_on", "decision_note", "updated_at"])
    audit_record(actor=acting_user, action="reports.recommendation_decide", obj=item, before=before,
                 after=_snapshot(item))
    return item
