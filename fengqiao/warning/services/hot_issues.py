"""The daily hot-issue scan: each county's cases of the last 90 days go through the hot-issue engine; an issue
that enough people raised is stored (a rerun updates its row) and becomes an alert for the leader of the lowest
region holding all its cases. An alert of the same place still open counts the rerun on itself, and only when
the issue has grown, so a steady issue does not ring every day."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Case
from fengqiao.core.masking import mask_text
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Region
from fengqiao.regions.selectors import lowest_common_region
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.models import HotIssue
from fengqiao.warning.selectors.hot_issues import WINDOW_DAYS, messages_of
from fengqiao.warning.services.alerts import alert_raise

if TYPE_CHECKING:
    from fengqiao.warning.engine.heat import HotIssue as FoundIssue

SCAN_TOP = 10  # the hottest issues of a county that the scan considers


def alert_min_people() -> int:
    """An issue raised by at least this many people becomes an alert (FENGQIAO_WARNING_HOT_ISSUE_ALERT_PEOPLE)."""
    return getattr(settings, "FENGQIAO_WARNING_HOT_ISSUE_ALERT_PEOPLE", 3)


def hot_issue_title(issue: HotIssue) -> str:
    return _("%(place)s「%(problem)s」：%(people)d 人反映，热度 %(heat)s") % {
        "place": issue.place, "problem": issue.problem, "people": issue.people, "heat": f"{issue.heat:g}"}


def hot_issues_scan(*, now: dt.datetime | None = None, window_days: int = WINDOW_DAYS) -> list[HotIssue]:
    """Scan every county (system work, no acting user); the issues stored or updated. The engine runs outside any
    transaction; each issue is then written in its own."""
    from fengqiao.warning.engine import find_hot_issues

    now = now or timezone.now()
    since = (timezone.localtime(now) - dt.timedelta(days=window_days)).replace(hour=0, minute=0, second=0,
                                                                           microsecond=0)
    stored = []
    for county in Region.objects.filter(level=RegionLevel.COUNTY).order_by("path").values_list("path", flat=True):
        cases = Case.objects.filter(region_path__startswith=county, received_at__gte=since, received_at__lte=now)
        for found in find_hot_issues(messages_of(cases), top=SCAN_TOP).issues:
            if found.people >= alert_min_people():
                row = hot_issue_record(found=found, case_ids=[int(i) for i in found.member_message_ids], now=now)
                if row is not None:
                    stored.append(row)
    return stored


def _aware(moment: dt.datetime) -> dt.datetime:
    """The engine works in naive local time (messages_of drops the zone)."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@transaction.atomic
def hot_issue_record(*, found: FoundIssue, case_ids: list[int], now: dt.datetime) -> HotIssue | None:
    """Store one issue the engine found and raise (or count) its alert; None when its cases are gone."""
    paths = list(Case.objects.filter(pk__in=case_ids).values_list("region_path", flat=True))
    region = lowest_common_region(paths=paths)
    if region is None:
        return None
    place, problem = found.place[:200], found.problem[:200]
    previous = HotIssue.objects.select_for_update().filter(region=region, place=place, problem=problem).first()
    grew = previous is None or len(set(case_ids) - set(previous.case_ids)) > 0
    row, created = HotIssue.objects.update_or_create(
        region=region, place=place, problem=problem,
        defaults={"region_path": region.path, "description": mask_text(found.description)[:400],
                  "started_at": _aware(found.start), "ended_at": _aware(found.end), "heat": found.heat,
                  "people": found.people, "support": found.support, "case_ids": sorted(case_ids),
                  "last_found_at": now})
    audit_record(actor=None, action="warning.hot_issue_found" if created else "warning.hot_issue_updated", obj=row,
                 after={"region": region.code, "place": place, "problem": problem, "heat": found.heat,
                        "people": found.people, "cases": len(case_ids)})
    if grew:
        alert_raise(kind=AlertKind.HOT_ISSUE, subject_type="hot_issue", subject_id=row.pk, region=region,
                    dedup_key=f"hot_issue:{region.code}:{place}", title=hot_issue_title(row),
                    detail={"hot_issue": row.pk, "heat": found.heat, "people": found.people,
                            "cases": len(case_ids)})
    return row
