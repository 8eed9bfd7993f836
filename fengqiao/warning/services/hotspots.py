"""Recording hotspots: each finding of the weekly hotspot scan (reports.services.hotspots) becomes a Hotspot row
and an alert for the area's leader; a place and category already under an open alert counts one more occurrence
on it instead of a second alert."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Category
from fengqiao.regions.models import Region
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.engine.hotspots import Surge
from fengqiao.warning.models import Hotspot
from fengqiao.warning.services.alerts import alert_raise


@dataclass(frozen=True)
class HotspotFinding:
    region: Region
    category: Category
    week_start: dt.date
    week_end: dt.date
    surge: Surge
    false_alarm_rate: float


def hotspot_title(hotspot: Hotspot) -> str:
    return _("%(region)s「%(category)s」：近 7 天 %(count)d 件，往常每周 %(expected)s 件（%(ratio)s 倍）") % {
        "region": hotspot.region.name, "category": hotspot.category.name, "count": hotspot.count,
        "expected": f"{hotspot.expected:g}", "ratio": f"{hotspot.ratio:g}"}


@transaction.atomic
def hotspots_record(*, findings: Sequence[HotspotFinding]) -> list[Hotspot]:
    """Store the findings (a rerun on the same day updates its rows) and raise one alert per place and category."""
    stored = []
    for finding in findings:
        surge = finding.surge
        hotspot, created = Hotspot.objects.update_or_create(
            region=finding.region, category=finding.category, week_end=finding.week_end,
            defaults={"region_path": finding.region.path, "week_start": finding.week_start, "count": surge.count,
                      "expected": surge.expected, "ratio": surge.ratio, "p_value": surge.p_value,
                      "baseline": list(surge.baseline), "false_alarm_rate": finding.false_alarm_rate,
                      "found_at": timezone.now()})
        audit_record(actor=None, action="warning.hotspot_found" if created else "warning.hotspot_updated",
                     obj=hotspot, after={"region": finding.region.code, "category": finding.category.code,
                                         "week_end": str(finding.week_end), "count": surge.count,
                                         "expected": surge.expected, "ratio": surge.ratio,
                                         "p_value": surge.p_value})
        alert_raise(kind=AlertKind.HOTSPOT, subject_type="warning.hotspot", subject_id=hotspot.pk,
                    region=finding.region, dedup_key=f"hotspot:{finding.region.code}:{finding.category.code}",
                    title=hotspot_title(hotspot),
                    detail={"hotspot": hotspot.pk, "count": surge.count, "expected": surge.expected,
                            "ratio": surge.ratio, "week_start": str(finding.week_start),
                            "week_end": str(finding.week_end)})
        stored.append(hotspot)
    return stored
