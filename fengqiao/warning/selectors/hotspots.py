"""Hotspots the viewer may see: those of the regions where the user holds a center, leader or admin role, as for
alerts. Each links to the case list behind it (the place, the category and the seven days)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from fengqiao.accounts.models import User
from fengqiao.warning.models import Hotspot
from fengqiao.warning.selectors.risk import alert_area


def hotspots_visible_to(user: User) -> QuerySet[Hotspot]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Hotspot.objects.none()
    if user.is_superuser:
        return Hotspot.objects.all()
    return Hotspot.objects.filter(alert_area(user))


def hotspot_cases_url(hotspot: Hotspot) -> str:
    """The case list of the hotspot's place, category and seven days."""
    query = {"region": hotspot.region_id, "category": hotspot.category_id,
             "received_from": hotspot.week_start.isoformat(), "received_to": hotspot.week_end.isoformat()}
    return f"{reverse('cases:list')}?{urlencode(query)}"
