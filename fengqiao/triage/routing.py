"""Choosing the routing rule for a case: the most specific active rule that matches wins.

Specificity, in order: the deepest region (a grid's rule beats its community's, which beats the street's and
the county's, which beat a rule for all regions), then the number of the other fields the rule names
(category, process, dispute type). A rule whose department is inactive or does not cover the case's region is
skipped, so a misconfigured rule never sends a case to a department that cannot take it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Department
from fengqiao.regions.paths import ancestor_paths
from fengqiao.triage.choices import HandlingLevel
from fengqiao.triage.models import RoutingRule


def level_name(level: int) -> str:
    """The short name of a region level in a rule's label: 县, 街道, 社区, 网格."""
    return {
        RegionLevel.COUNTY: _("县"), RegionLevel.STREET: _("街道"), RegionLevel.COMMUNITY: _("社区"),
        RegionLevel.GRID: _("网格"),
    }.get(level, str(level))


def rule_label(rule: RoutingRule) -> str:
    """"规则 #12：劳动和社会保障 · 街道（青石街道） · 矛盾纠纷 → 人社局"."""
    parts = [rule.category.name if rule.category_id else _("任意类别")]
    if rule.region_id:
        parts.append(f"{level_name(rule.region.level)}（{rule.region.name}）")
    else:
        parts.append(_("全部区划"))
    parts.append(rule.process.name if rule.process_id else _("任意流程"))
    if rule.dispute_type_id:
        parts.append(rule.dispute_type.name)
    target = (rule.department.name if rule.department_id
              else _("%(level)s就地化解") % {"level": HandlingLevel(rule.handling_level).label})
    return _("规则 #%(id)s：%(conditions)s → %(target)s") % {
        "id": rule.pk or "?",
        "conditions": " · ".join(str(p) for p in parts),
        "target": target,
    }


def rule_snapshot(rule: RoutingRule) -> dict:
    """The rule's fields as JSON for the change history and the audit trail."""
    return {
        "category": rule.category.code if rule.category_id else None,
        "region": rule.region.code if rule.region_id else None,
        "process": rule.process.code if rule.process_id else None,
        "dispute_type": rule.dispute_type.code if rule.dispute_type_id else None,
        "department": rule.department.code if rule.department_id else None,
        "department_name": rule.department.name if rule.department_id else None,
        "handling_level": rule.handling_level,
        "is_active": rule.is_active,
    }


@dataclass
class RoutingDecision:
    rule: RoutingRule | None
    department: Department | None
    handling_level: int | None
    label: str


def _covers(department: Department, paths: list[str]) -> bool:
    return department.is_active and department.covers.filter(path__in=paths).exists()


def routing_decide(
    *, case: Case, category: Category | None, dispute_type: DisputeType | None
) -> RoutingDecision:
    """The routing decision for `case` if its category and dispute type are the given ones."""
    paths = ancestor_paths(case.region_path)
    rules = (
        RoutingRule.objects.filter(is_active=True)
        .filter(Q(region__isnull=True) | Q(region__path__in=paths))
        .filter(Q(category__isnull=True) | Q(category=category) if category else Q(category__isnull=True))
        .filter(Q(process__isnull=True) | Q(process_id=case.process_id))
        .filter(
            Q(dispute_type__isnull=True) | Q(dispute_type=dispute_type)
            if dispute_type
            else Q(dispute_type__isnull=True)
        )
        .select_related("category", "region", "process", "dispute_type", "department")
    )

    def specificity(rule: RoutingRule) -> tuple[int, int, int]:
        depth = len(ancestor_paths(rule.region.path)) if rule.region_id else 0
        named = sum(1 for f in (rule.category_id, rule.process_id, rule.dispute_type_id) if f)
        return depth, named, rule.pk

    for rule in sorted(rules, key=specificity, reverse=True):
        if rule.department_id and not _covers(rule.department, paths):
            continue
        return RoutingDecision(
            rule=rule, department=rule.department, handling_level=rule.handling_level, label=rule_label(rule)
        )
    return RoutingDecision(rule=None, department=None, handling_level=None, label="")
