"""Hotspots the viewer may see: those of the regions where the user holds a center, leader or admin role, as for
alerts. Each links to the case list behind it (the place, the category and the seven days)."""
from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from fengqiao.accounts.models import User
from fengqiao.warning.choices import ALERT_ROLES
from fengqiao.warning.models import Hotspot


def hotspots_visible_to(user: User) -> QuerySet[Hotspot]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Hotspot.objects.none()
    if user.is_superuser:
        return Hotspot.objects.all()
    q = Q(pk__in=[])
    for membership in user.active_memberships:
        if membership.role in ALERT_ROLES:
            q |= Q(region_path__startswith=membership.region.path)
    return Hotspot.objects.filter(q)


def hotspot_cases_url(hotspot: Hotspot) -> str:
    """The case list of the hotspot's place, category and seven days."""
    query = {"region": hotspot.region_id, "category": hotspot.category_id,
             "received_from": hotspot.week_start.isoformat(), "received_to": hotspot.week_end.isoformat()}
    return f"{reverse('cases:list')}?{urlencode(query)}"
