"""Hotspots and stored hot issues the viewer may see: those of the regions where the user holds a center, leader
or admin role, as for alerts. Each links to the case list behind it (the place, the category and the seven days)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.core.errors import NotFoundError
from fengqiao.warning.models import HotIssue, Hotspot
from fengqiao.warning.selectors.risk import alert_area


def in_alert_area(user: User, rows: QuerySet) -> QuerySet:
    """The rows (with a `region_path`) in the area of the user's alerts; none for an inactive or anonymous user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return rows.none()
    return rows if user.is_superuser else rows.filter(alert_area(user))


def hotspots_visible_to(user: User) -> QuerySet[Hotspot]:
    return in_alert_area(user, Hotspot.objects.all())


def hotspot_cases_url(hotspot: Hotspot) -> str:
    """The case list of the hotspot's place, category and seven days."""
    query = {"region": hotspot.region_id, "category": hotspot.category_id,
             "received_from": hotspot.week_start.isoformat(), "received_to": hotspot.week_end.isoformat()}
    return f"{reverse('cases:list')}?{urlencode(query)}"


def hot_issues_found_visible_to(user: User) -> QuerySet[HotIssue]:
    """Hot issues the daily scan stored, in the same area as the user's alerts and hotspots."""
    return in_alert_area(user, HotIssue.objects.all())


def hot_issue_get_visible(*, user: User, hot_issue_id: int) -> tuple[HotIssue, list[Case]]:
    """One stored hot issue and those of its cases the user may see; NotFoundError for missing and forbidden."""
    issue = hot_issues_found_visible_to(user).select_related("region").filter(pk=hot_issue_id).first()
    if issue is None:
        raise NotFoundError(_("未找到该热点问题。"))
    cases = list(Case.objects.visible_to(user).filter(pk__in=issue.case_ids).select_related("state", "region")
                 .order_by("received_at", "id"))
    return issue, cases
