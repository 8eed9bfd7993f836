"""Writes to the routing rules: every change keeps a RoutingRuleChange (before, after, editor, note) and an
audit row; rules are never deleted, only deactivated, so the history always names what a case was routed by.

Seeding: `routing_seed_defaults(acting_user=...)` adds sensible rules for the seeded categories in every
county whose departments match by name (人社 for 劳动和社会保障, 住建 for 城乡建设 ...). Department codes differ
per install, so it runs after departments exist: the demo loader calls it, and an administrator can run
`fengqiao triage seed-routing`. It only adds what is missing.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Category, DisputeType
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import ancestor_paths
from fengqiao.triage.choices import HandlingLevel, RuleChangeKind
from fengqiao.triage.models import CategorySetting, RoutingRule, RoutingRuleChange
from fengqiao.triage.routing import rule_snapshot

MAX_NOTE = 2000

# category code -> (department name pattern, handling level); no pattern: settled locally at that level;
# "kind:<DepartmentKind>" matches departments of that kind (the police is known by its kind, not by a word in its name).
DEFAULT_ROUTES: dict[str, tuple[str, int]] = {
    "urban_construction": (r"住建|住房和城乡建设|住房城乡建设|建设局", HandlingLevel.COUNTY),
    "environment": (r"生态环境|环保|环境保护", HandlingLevel.COUNTY),
    "transport": (r"交通运输|交通局", HandlingLevel.COUNTY),
    "education_culture": (r"教育|文体|文广|文化", HandlingLevel.COUNTY),
    "labour_social_security": (r"人社|人力资源和社会保障|人力社保|劳动", HandlingLevel.COUNTY),
    "commerce_tourism": (r"市场监管|市场监督|商务|文旅|旅游", HandlingLevel.COUNTY),
    "health": (r"卫健|卫生健康|卫生", HandlingLevel.COUNTY),
    "public_security": ("kind:police", HandlingLevel.STREET),
    "civil_dispute": ("", HandlingLevel.COMMUNITY),
}

# category code -> dispute types that suggest it while no category model is trained
DEFAULT_CATEGORY_DISPUTE_TYPES: dict[str, list[str]] = {
    "urban_construction": ["property_mgmt", "housing_homestead", "expropriation"],
    "environment": ["environment"],
    "transport": ["traffic"],
    "labour_social_security": ["labour"],
    "commerce_tourism": ["consumer", "business"],
    "health": ["medical"],
    "civil_dispute": ["neighbour", "marriage_family", "damages", "contract", "land", "village_affairs"],
    "other": ["other"],
}


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("请填写修改说明。"), field_errors={"note": [_("必填")]})
    if len(note) > MAX_NOTE:
        raise ValidationFailed(_("修改说明过长（最多2000字）。"), field_errors={"note": [_("过长")]})
    return note


def _record(
    rule: RoutingRule, *, kind: str, before: dict | None, acting_user: User | None, note: str
) -> None:
    after = rule_snapshot(rule)
    RoutingRuleChange.objects.create(
        rule=rule, rule_number=rule.pk, kind=kind, before=before, after=after, editor=acting_user, note=note
    )
    audit_record(
        actor=acting_user,
        action=f"triage.routing_rule_{kind}",
        obj=rule,
        before=before,
        after={**after, "note": note},
    )


@transaction.atomic
def routing_rule_save(*, rule: RoutingRule, acting_user: User | None, note: str) -> RoutingRule:
    """Create or change a rule (the unsaved or edited instance), with a required note."""
    note = _clean_note(note)
    before = None
    if rule.pk is not None:
        saved = RoutingRule.objects.select_related(
            "category", "region", "process", "dispute_type", "department"
        ).get(pk=rule.pk)
        before = rule_snapshot(saved)
    rule.updated_by = acting_user
    rule.save()
    rule = RoutingRule.objects.select_related(
        "category", "region", "process", "dispute_type", "department"
    ).get(pk=rule.pk)
    if before is None:
        kind = RuleChangeKind.CREATE
    elif before.get("is_active") and not rule.is_active:
        kind = RuleChangeKind.DEACTIVATE
    else:
        kind = RuleChangeKind.UPDATE
    _record(rule, kind=kind, before=before, acting_user=acting_user, note=note)
    return rule


@transaction.atomic
def routing_rule_deactivate(*, rule: RoutingRule, acting_user: User | None, note: str) -> RoutingRule:
    rule.is_active = False
    return routing_rule_save(rule=rule, acting_user=acting_user, note=note)


def _covering(department: Department, region: Region) -> bool:
    return department.covers.filter(path__in=ancestor_paths(region.path)).exists()


def _seed_rule(
    *, category: Category, region: Region, department: Department | None, level: int, acting_user: User | None
) -> bool:
    if RoutingRule.objects.filter(category=category, region=region, is_active=True).exists():
        return False
    rule = RoutingRule(category=category, region=region, department=department, handling_level=level)
    routing_rule_save(rule=rule, acting_user=acting_user, note=_("默认分流规则（按部门名称匹配）"))
    return True


def _matches(pattern: str, department: Department) -> bool:
    if pattern.startswith("kind:"):
        return department.kind == pattern.removeprefix("kind:")
    return bool(re.search(pattern, department.name))


@transaction.atomic
def routing_seed_defaults(*, acting_user: User | None = None) -> int:
    """Add the default rules (see DEFAULT_ROUTES) where a matching department exists and no active rule for
    that category and region does: county-level categories get one rule per county, street-level ones (the
    police station) one rule per street, pointing at the matching department that covers it. Returns how many
    rules were added."""
    added = 0
    categories = {c.code: c for c in Category.objects.filter(code__in=DEFAULT_ROUTES, is_active=True)}
    for county in Region.objects.filter(level=RegionLevel.COUNTY):
        departments = list(
            Department.objects.filter(is_active=True, home_region__path__startswith=county.path)
            .select_related("home_region").order_by("home_region__path", "name")
        )
        streets = list(Region.objects.filter(level=RegionLevel.STREET, path__startswith=county.path))
        for code, (pattern, level) in DEFAULT_ROUTES.items():
            category = categories.get(code)
            if category is None:
                continue
            matching = [d for d in departments if pattern and _matches(pattern, d)]
            if not pattern:
                added += _seed_rule(
                    category=category, region=county, department=None, level=level, acting_user=acting_user
                )
            elif level == HandlingLevel.STREET:
                # the street's own station (派出所) before a county-wide one (公安局)
                nearest_first = sorted(matching, key=lambda d: -len(d.home_region.path))
                for street in streets:
                    department = next((d for d in nearest_first if _covering(d, street)), None)
                    if department is not None:
                        added += _seed_rule(
                            category=category,
                            region=street,
                            department=department,
                            level=level,
                            acting_user=acting_user,
                        )
            elif matching:
                added += _seed_rule(
                    category=category,
                    region=county,
                    department=matching[0],
                    level=level,
                    acting_user=acting_user,
                )
    return added


@transaction.atomic
def category_settings_seed() -> int:
    """Give every category its settings row (threshold 0.6) and default dispute types; only what is missing."""
    added = 0
    types = {t.code: t for t in DisputeType.objects.all()}
    for category in Category.objects.all():
        setting, created = CategorySetting.objects.get_or_create(category=category)
        if created:
            added += 1
            wanted = [types[c] for c in DEFAULT_CATEGORY_DISPUTE_TYPES.get(category.code, []) if c in types]
            if wanted:
                setting.dispute_types.set(wanted)
    return added
