"""Ranking mediators for a case, with the reasons shown next to each score.

Points (weights of the suggestion, not legal numbers):
  speciality: the mediator handles the case's dispute type ............ +40
  region: serves a region that contains the case's region, the nearer
          the better (grid +40, community +30, street +20, county +10)
  organisation: belongs to the organisation conducting the mediation .... +10
  load: each mediation the mediator is conducting now ................... -5
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from fengqiao.cases.models import Case
from fengqiao.mediation.choices import MediationStatus
from fengqiao.mediation.models import Mediator, Organisation
from fengqiao.regions.models import Region
from fengqiao.regions.paths import county_path

SPECIALITY_POINTS = 40
REGION_POINTS_PER_LEVEL = 10
SAME_ORGANISATION_POINTS = 10
LOAD_PENALTY = 5


@dataclass
class Suggestion:
    mediator: Mediator
    score: int
    load: int
    speciality_match: bool
    nearest_region: Region | None
    reasons: list[str] = field(default_factory=list)


def eligible_mediators(*, case: Case, organisation: Organisation | None = None):
    """Active mediators of the case's county, each annotated with `load`."""
    return (
        Mediator.objects.active()
        .with_load()
        .filter(organisation__region__path__startswith=county_path(case.region_path))
        .select_related("organisation__region", "user")
        .prefetch_related("specialities", "regions_served")
    )


def _nearest(mediator: Mediator, case: Case) -> Region | None:
    containing = [r for r in mediator.regions_served.all() if case.region_path.startswith(r.path)]
    return max(containing, key=lambda r: r.level, default=None)


def score_mediator(mediator: Mediator, *, case: Case, organisation: Organisation | None = None) -> Suggestion:
    load = getattr(mediator, "load", None)
    if load is None:
        load = mediator.mediations.filter(status=MediationStatus.ACTIVE).count()
    score, reasons = 0, []
    dispute_type = case.dispute_type
    speciality = dispute_type is not None and any(s.pk == dispute_type.pk for s in mediator.specialities.all())
    if dispute_type is None:
        reasons.append(_("案件未标注纠纷类型，不计专长"))
    elif speciality:
        score += SPECIALITY_POINTS
        reasons.append(_("擅长“%(type)s”（+%(points)d）") % {"type": dispute_type.name, "points": SPECIALITY_POINTS})
    else:
        reasons.append(_("专长不含“%(type)s”") % {"type": dispute_type.name})
    nearest = _nearest(mediator, case)
    if nearest is not None:
        points = REGION_POINTS_PER_LEVEL * nearest.level
        score += points
        reasons.append(_("服务区域包含案件所在地：%(region)s（%(level)s，+%(points)d）") % {
            "region": nearest.name, "level": nearest.get_level_display(), "points": points})
    else:
        reasons.append(_("服务区域不含案件所在地"))
    if organisation is not None and mediator.organisation_id == organisation.pk:
        score += SAME_ORGANISATION_POINTS
        reasons.append(_("属本调解组织（+%(points)d）") % {"points": SAME_ORGANISATION_POINTS})
    if load:
        score -= LOAD_PENALTY * load
        reasons.append(_("当前在办 %(n)d 件（-%(points)d）") % {"n": load, "points": LOAD_PENALTY * load})
    else:
        reasons.append(_("当前没有在办调解"))
    return Suggestion(mediator=mediator, score=score, load=load, speciality_match=speciality, nearest_region=nearest,
                      reasons=reasons)


def is_eligible(mediator: Mediator, *, case: Case, organisation: Organisation | None) -> bool:
    """A mediator may take the case when active, of the case's county, and either of the mediating organisation
    or serving a region that contains the case's region."""
    if not mediator.is_active or not mediator.organisation.is_active:
        return False
    if not mediator.organisation.region.path.startswith(county_path(case.region_path)):
        return False
    if organisation is not None and mediator.organisation_id == organisation.pk:
        return True
    return _nearest(mediator, case) is not None


def rank_mediators(*, case: Case, organisation: Organisation | None = None, limit: int = 10) -> list[Suggestion]:
    suggestions = [
        score_mediator(m, case=case, organisation=organisation)
        for m in eligible_mediators(case=case, organisation=organisation)
        if is_eligible(m, case=case, organisation=organisation)
    ]
    suggestions.sort(key=lambda s: (-s.score, s.load, s.mediator.name, s.mediator.pk))
    return suggestions[:limit]
