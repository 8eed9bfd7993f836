"""Choosing another place's deadline rules at set-up (cases.seed.JURISDICTION_TEMPLATES).

A template is seeded switched off and for all regions. Enabling it for a region copies each of its rows onto that
region, switched on; the deepest region's active rule wins (cases.deadlines.rule_for), so the county's cases then
run on the template's periods while every other region keeps the national and county defaults. The template rows
themselves stay as they are, ready for another region. Every change is audited."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.models import DeadlineRule, State
from fengqiao.cases.seed import JURISDICTION_TEMPLATES
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.models import Region


@dataclass(frozen=True)
class TemplateView:
    name: str
    regulation: str
    steps: list[str]
    enabled_in: list[str]


def _template(name: str) -> tuple[str, list[tuple]]:
    if name not in JURISDICTION_TEMPLATES:
        raise ValidationFailed(
            _("没有名为“%(name)s”的规则模板；可选：%(names)s。") % {"name": name, "names": "、".join(JURISDICTION_TEMPLATES)},
            field_errors={"name": [_("未知")]},
        )
    return JURISDICTION_TEMPLATES[name]


def rule_templates() -> list[TemplateView]:
    """Every template, its steps and the regions where it is switched on."""
    found = []
    for name, (regulation, rows) in JURISDICTION_TEMPLATES.items():
        enabled = (DeadlineRule.objects.filter(legal_basis__startswith=regulation, is_active=True)
                   .select_related("region").order_by("region__path"))
        regions = sorted({rule.region.name if rule.region is not None else _("全部区划") for rule in enabled})
        steps = [f"{process}/{state} {duration} {unit}" for process, state, duration, unit, *_rest in rows]
        found.append(TemplateView(name=name, regulation=regulation, steps=steps, enabled_in=regions))
    return found


@transaction.atomic
def rule_template_enable(*, name: str, region: Region, acting_user, enable: bool = True) -> list[DeadlineRule]:
    """Switch a template on (or off) for `region`: one active rule per step of the template, for that region."""
    regulation, rows = _template(name)
    changed: list[DeadlineRule] = []
    for process_code, state_code, duration, unit, start, max_ext, roll, basis in rows:
        existing = DeadlineRule.objects.filter(process__code=process_code, state__code=state_code, region=region,
                                               legal_basis__startswith=regulation).first()
        if existing is None and not enable:
            continue
        if existing is None:
            template = (DeadlineRule.objects.filter(process__code=process_code, state__code=state_code, region=None,
                                                    legal_basis__startswith=regulation).first())
            source = {"duration": duration, "unit": unit, "start_event": start, "max_extension": max_ext,
                      "roll_to_workday": roll, "legal_basis": basis}
            if template is not None:  # the administrator may have corrected the template row: copy it as it is
                source = {key: getattr(template, key) for key in source} | {"warn_ratio": template.warn_ratio}
            state = State.objects.get(process__code=process_code, code=state_code)
            existing = DeadlineRule(process_id=state.process_id, state=state, region=region, **source)
        existing.is_active = enable
        existing.updated_by = acting_user
        existing.save()
        changed.append(existing)
    audit_record(actor=acting_user, action="cases.rule_template_enable" if enable else "cases.rule_template_disable",
                 object_type="cases.deadlinerule", object_id=name,
                 after={"template": name, "regulation": regulation, "region": region.code,
                        "rules": [rule.pk for rule in changed]})
    return changed

