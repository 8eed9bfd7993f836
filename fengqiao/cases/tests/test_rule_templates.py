"""Issue 9: the seeded defaults are national law and the county's own periods; another place's rules are templates,
switched off, chosen at set-up for a region (command and service, audited); old seeded rows move by migration."""
from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.deadlines import rule_for
from fengqiao.cases.models import DeadlineRule, State
from fengqiao.cases.seed import (
    COUNTY_RULES,
    DEADLINES,
    JURISDICTION_TEMPLATES,
    SEEDED_BEFORE_ISSUE_9,
    seed_workflow,
)
from fengqiao.testing.factories import make_case

pytestmark = pytest.mark.django_db

NATIONAL = ("信访工作条例", "人民调解法", "劳动争议调解仲裁法", "民事诉讼法", "县矛调中心工作规则", "县12345热线工作规则")
OTHER_PLACES = ("深圳", "北京", "济南", "潍坊", "浙江", "山东")


def test_every_active_default_cites_national_law_or_the_county_and_says_whether_it_rolls():
    defaults = DeadlineRule.objects.filter(region=None, is_active=True)
    assert defaults.count() == len(DEADLINES)
    for rule in defaults:
        assert rule.legal_basis.startswith(NATIONAL), rule.legal_basis
        assert not any(place in rule.legal_basis for place in OTHER_PLACES), rule.legal_basis
        assert rule.roll_to_workday is False  # no national rule moves these steps' last day off a holiday
    county_rule = DeadlineRule.objects.get(process__code="dispute", state__code="mediating", region=None, is_active=True)
    assert county_rule.legal_basis.startswith(COUNTY_RULES) and "本县自定，可修改" in county_rule.legal_basis


def test_other_places_are_templates_switched_off():
    for regulation, rows in JURISDICTION_TEMPLATES.values():
        found = DeadlineRule.objects.filter(legal_basis__startswith=regulation)
        assert found.count() == len(rows) and not found.filter(is_active=True).exists(), regulation
    seed_workflow()  # seeding again adds nothing
    assert DeadlineRule.objects.filter(region=None, is_active=True).count() == len(DEADLINES)


def test_a_template_enabled_for_the_county_wins_there_only_and_is_audited(county):
    out = io.StringIO()
    call_command("rules", "templates", stdout=out)
    assert "shenzhen-dispute" in out.getvalue() and "未启用" in out.getvalue()
    call_command("rules", "templates", "--enable", "shenzhen-dispute", "--region", county.county.code, stdout=out)
    case = make_case(acting_user=county.center, region=county.grid)
    registered = State.objects.get(process__code="dispute", code="registered")
    assert rule_for(case=case, state=registered).legal_basis.startswith("深圳经济特区矛盾纠纷多元化解条例")
    assert case.deadline_rule.region_id == county.county.pk
    entry = AuditEntry.objects.get(action="cases.rule_template_enable", object_id="shenzhen-dispute")
    assert entry.after["region"] == county.county.code and len(entry.after["rules"]) == 3
    assert DeadlineRule.objects.filter(legal_basis__startswith="深圳经济特区", region=None, is_active=False).count() == 3
    call_command("rules", "templates", "--disable", "shenzhen-dispute", "--region", county.county.code, stdout=out)
    assert rule_for(case=case, state=registered).legal_basis.startswith(COUNTY_RULES)
    with pytest.raises(CommandError):
        call_command("rules", "templates", "--enable", "no-such-place", "--region", county.county.code, stdout=out)
    with pytest.raises(CommandError):
        call_command("rules", "templates", "--enable", "shenzhen-dispute", stdout=out)


def test_the_migration_moves_unedited_seeded_rows_and_keeps_edited_ones():
    migration = importlib.import_module("fengqiao.cases.migrations.0006_national_defaults_county_rules")
    old = dict(SEEDED_BEFORE_ISSUE_9)
    handling = DeadlineRule.objects.get(process__code="workorder", state__code="handling", region=None, is_active=True)
    mediating = DeadlineRule.objects.get(process__code="dispute", state__code="mediating", region=None, is_active=True)
    DeadlineRule.objects.filter(pk=handling.pk).update(legal_basis=old[("workorder", "handling")])
    DeadlineRule.objects.filter(pk=mediating.pk).update(legal_basis=old[("dispute", "mediating")], duration=45)
    migration.forwards(apps, None)
    handling.refresh_from_db()
    mediating.refresh_from_db()
    assert handling.legal_basis.startswith("县12345热线工作规则")
    assert mediating.legal_basis == old[("dispute", "mediating")]  # the administrator changed its period: kept
    migration.backwards(apps, None)
    handling.refresh_from_db()
    assert handling.legal_basis == old[("workorder", "handling")]
