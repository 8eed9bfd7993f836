"""Helpers shared by the follow-up services: reaching the case through the user's scope, telling center staff."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.core.errors import NotFoundError, PermissionRefused, ValidationFailed
from fengqiao.followup.models import FollowUp
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.services import notify_roles

MAX_WORDS = 2000


def case_in_scope(acting_user, case: Case) -> Case:
    """The case re-read through the user's scope; 404 (NotFoundError) outside it."""
    current = Case.objects.visible_to(acting_user).select_related("state", "process", "region").filter(pk=case.pk).first()
    if current is None:
        raise NotFoundError(_("未找到该案件。"))
    return current


def case_for_work(acting_user, case: Case) -> Case:
    """In scope, and the user holds a role on the case (a viewer by assignment history does not)."""
    current = case_in_scope(acting_user, case)
    if not roles_for_case(acting_user, current):
        raise PermissionRefused(_("您无权为该案件登记回访。"))
    return current


def lock_followup(followup: FollowUp, case: Case) -> FollowUp:
    locked = FollowUp.objects.select_for_update().filter(pk=followup.pk, case=case).first()
    if locked is None:
        raise NotFoundError(_("未找到该回访。"))
    return locked


def clean_text(value: str, *, field: str, limit: int = MAX_WORDS) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationFailed(_("内容过长（最多%(limit)d字）。") % {"limit": limit}, field_errors={field: [_("过长")]})
    return value


def notify_review_requested(*, followup: FollowUp, case: Case, acting_user) -> None:
    """Tell the center staff of the case's area (and above it) that a resident is not satisfied."""
    notify_roles(
        region=case.region, roles=[Role.CENTER], kind=Kind.FOLLOWUP_DUE,
        title=_("回访未解决或不满意，请复核：%(ref)s") % {"ref": case.reference},
        body=_("%(title)s\n回访结果：%(settled)s，%(satisfaction)s。%(words)s") % {
            "title": case.title, "settled": followup.get_settled_display(),
            "satisfaction": followup.get_satisfaction_display(), "words": followup.resident_words,
        },
        case=case, url=reverse("cases:detail", args=[case.pk]) + "#followup", acting_user=acting_user,
    )
