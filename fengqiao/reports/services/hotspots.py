"""The hotspot scan: the count tables' cases received per community and grid, per category, in seven-day windows
ending today, tested against each place's own past (warning.engine.hotspots) and recorded by the warning app.

Run daily (celery beat) or by hand (`fengqiao reports hotspots-scan`). It reads only count rows: fifteen weeks
of one dimension at two levels, whatever the size of the county."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Sum
from django.utils import timezone

from fengqiao.cases.models import Category
from fengqiao.regions.models import Region
from fengqiao.reports.models import DailyCount, Dimension
from fengqiao.warning.engine.hotspots import HotspotRule, find_hotspots
from fengqiao.warning.models import Hotspot
from fengqiao.warning.services.hotspots import HotspotFinding, hotspots_record

PLACE_DEPTHS = (2, 3)  # community, grid (the county is depth 0)
WEEK = 7


def weekly_series(*, today: dt.date, weeks: int, depths: tuple[int, ...] = PLACE_DEPTHS,
                  ) -> dict[tuple[str, str], list[int]]:
    """(region path, category id) -> cases received in each seven-day window, oldest first, the last ending today."""
    first_day = today - dt.timedelta(days=WEEK * weeks - 1)
    rows = (DailyCount.objects.filter(dimension=Dimension.CATEGORY, depth__in=depths, day__gte=first_day,
                                      day__lte=today)
            .exclude(value="0").values_list("region_path", "value", "day").annotate(n=Sum("received")))
    series: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * weeks)
    for path, value, day, n in rows:
        if n:
            series[(path, value)][weeks - 1 - (today - day).days // WEEK] += n
    return dict(series)


def hotspots_scan(*, today: dt.date | None = None, rule: HotspotRule | None = None) -> list[Hotspot]:
    """Find and record today's hotspots; each level and category is tested as one group (one pooled dispersion)."""
    today = today or timezone.localdate()
    rule = rule or HotspotRule()
    series = weekly_series(today=today, weeks=rule.weeks_needed)
    groups: dict[tuple[int, str], dict[tuple[str, str], list[int]]] = defaultdict(dict)
    for (path, value), weeks in series.items():
        groups[(path.strip("/").count("/"), value)][(path, value)] = weeks
    found = [item for group in groups.values() for item in find_hotspots(group, rule)]
    if not found:
        return []
    regions = {r.path: r for r in Region.objects.filter(path__in={p for (p, _v), _s in found}).defer("boundary")}
    categories = Category.objects.in_bulk([int(v) for (_p, v), _s in found])
    findings = [
        HotspotFinding(region=regions[path], category=categories[int(value)],
                       week_start=today - dt.timedelta(days=WEEK - 1), week_end=today, surge=surge,
                       false_alarm_rate=rule.alpha)
        for (path, value), surge in found if path in regions and int(value) in categories
    ]
    return hotspots_record(findings=findings)
