"""Routing rules are rows: the most specific active rule wins, the panel names the rule that fired, every
change keeps a history with a note, defaults are seeded by department name."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Category, DisputeType, Process
from fengqiao.core.errors import ValidationFailed
from fengqiao.testing.factories import DepartmentFactory, UserFactory
from fengqiao.triage.choices import HandlingLevel
from fengqiao.triage.models import RoutingRule, RoutingRuleChange, TriageResult
from fengqiao.triage.routing import routing_decide
from fengqiao.triage.services import routing_rule_deactivate, routing_rule_save, routing_seed_defaults

LABOUR_TEXT = "工地老板拖欠我们六个月工资，农民工讨薪无门，请求帮助追讨劳动报酬。"


def _rule(note: str = "测试", **fields) -> RoutingRule:
    return routing_rule_save(rule=RoutingRule(**fields), acting_user=None, note=note)


@pytest.fixture
def labour():
    return Category.objects.get(code="labour_social_security")


def test_the_most_specific_rule_wins(county, labour, django_capture_on_commit_callbacks):
    from fengqiao.testing.factories import make_case

    street_office = DepartmentFactory(name="A青石街道劳动保障所", home_region=county.street, covers=[county.street])
    anywhere = _rule(category=labour, department=county.labour, handling_level=HandlingLevel.COUNTY)
    in_county = _rule(category=labour, region=county.county, department=county.labour)
    in_street = _rule(category=labour, region=county.street, department=street_office, handling_level=HandlingLevel.STREET)
    dispute_only = _rule(category=labour, region=county.street, process=Process.objects.get(code="dispute"),
                         department=street_office, handling_level=HandlingLevel.STREET)
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.center, region=county.grid)
    assert routing_decide(case=case, category=labour, dispute_type=None).rule == dispute_only
    petition = make_case(acting_user=county.center, region=county.grid, process="petition")
    assert routing_decide(case=petition, category=labour, dispute_type=None).rule == in_street
    elsewhere = make_case(acting_user=county.center, region=county.other_grid)
    assert routing_decide(case=elsewhere, category=labour, dispute_type=None).rule == in_county
    in_county.is_active = False
    routing_rule_save(rule=in_county, acting_user=None, note="停用")
    assert routing_decide(case=elsewhere, category=labour, dispute_type=None).rule == anywhere
    assert routing_decide(case=elsewhere, category=None, dispute_type=None).rule is None


def test_a_rule_whose_department_does_not_cover_the_case_is_skipped(county, labour):
    from fengqiao.testing.factories import make_case

    street_office = DepartmentFactory(name="A青石街道劳动保障所", home_region=county.street, covers=[county.street])
    fallback = _rule(category=labour, region=county.county, department=county.labour)
    _rule(category=labour, region=county.county, dispute_type=DisputeType.objects.get(code="labour"),
          department=street_office)
    elsewhere = make_case(acting_user=county.center, region=county.other_grid)
    decision = routing_decide(case=elsewhere, category=labour, dispute_type=DisputeType.objects.get(code="labour"))
    assert decision.rule == fallback


def test_the_panel_says_which_rule_fired(county, labour, triaged, client):
    rule = _rule(category=labour, region=county.street, process=Process.objects.get(code="dispute"),
                 department=county.labour, handling_level=HandlingLevel.STREET)
    case = triaged(acting_user=county.center, region=county.grid, title="讨薪", narrative=LABOUR_TEXT)
    result = TriageResult.objects.get(case=case)
    assert result.category == labour and result.routing_rule == rule and result.department == county.labour
    expected = f"规则 #{rule.pk}：劳动和社会保障 · 街道（{county.street.name}） · 矛盾纠纷 → {county.labour.name}"
    assert result.routing_label == expected
    client.force_login(county.center)
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert expected in body and 'id="triage-panel"' in body


def test_every_rule_change_keeps_before_after_editor_and_note(county, labour):
    admin = county.admin
    rule = routing_rule_save(rule=RoutingRule(category=labour, region=county.county, department=county.labour),
                             acting_user=admin, note="人社局承办劳动保障类诉求")
    rule.handling_level = HandlingLevel.STREET
    routing_rule_save(rule=rule, acting_user=admin, note="下沉到街道")
    routing_rule_deactivate(rule=rule, acting_user=admin, note="机构调整")
    changes = list(RoutingRuleChange.objects.filter(rule=rule).order_by("id"))
    assert [c.kind for c in changes] == ["create", "update", "deactivate"]
    assert changes[0].before is None and changes[0].after["department"] == county.labour.code
    assert changes[1].before["handling_level"] == HandlingLevel.COUNTY and changes[1].after["handling_level"] == HandlingLevel.STREET
    assert changes[2].after["is_active"] is False and changes[2].note == "机构调整"
    assert all(c.editor == admin for c in changes)
    assert AuditEntry.objects.filter(object_type="triage.routingrule", object_id=str(rule.pk)).count() == 3
    with pytest.raises(ValidationFailed):
        routing_rule_save(rule=rule, acting_user=admin, note="  ")


def test_the_admin_form_requires_a_note_and_records_the_change(county, labour, client):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    url = reverse("admin:triage_routingrule_add")
    data = {"category": labour.pk, "region": county.county.pk, "process": "", "dispute_type": "",
            "department": county.labour.pk, "handling_level": HandlingLevel.COUNTY, "is_active": "on",
            "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0"}
    response = client.post(url, data)
    assert response.status_code == 200 and not RoutingRule.objects.exists()  # the note is missing
    response = client.post(url, {**data, "change_note": "新增劳动保障类规则"})
    assert response.status_code == 302
    rule = RoutingRule.objects.get()
    change = RoutingRuleChange.objects.get(rule=rule)
    assert change.editor == root and change.note == "新增劳动保障类规则" and change.kind == "create"
    assert client.get(reverse("admin:triage_routingrule_changelist")).status_code == 200
    assert client.get(reverse("admin:triage_routingrule_change", args=[rule.pk])).status_code == 200


def test_default_rules_are_seeded_by_department_name_where_departments_exist(county):
    # issue 9: the police is found by its kind (regions.DepartmentKind.POLICE), never by a word in its name
    DepartmentFactory(name="A县公安局", home_region=county.county, covers=[county.county], kind="police")
    DepartmentFactory(name="公安路社区服务站", home_region=county.other_street, covers=[county.other_street])
    added = routing_seed_defaults(acting_user=None)
    labour = RoutingRule.objects.get(category__code="labour_social_security", region=county.county)
    assert labour.department == county.labour
    police = RoutingRule.objects.get(category__code="public_security", region=county.street)
    assert police.department == county.police and police.handling_level == HandlingLevel.STREET  # the street's own station
    other = RoutingRule.objects.get(category__code="public_security", region=county.other_street)
    assert other.department.name == "A县公安局"  # no station of its own: the county bureau covers it
    civil = RoutingRule.objects.get(category__code="civil_dispute", region=county.county)
    assert civil.department is None and civil.handling_level == HandlingLevel.COMMUNITY  # 小事不出村
    assert not RoutingRule.objects.filter(category__code="environment", region=county.county).exists()  # no such department
    assert added == RoutingRule.objects.count() and RoutingRuleChange.objects.count() == added
    assert routing_seed_defaults(acting_user=None) == 0  # only what is missing


def test_low_confidence_goes_to_the_manual_queue_and_is_routed_in_one_click(county, labour, triaged, client):
    from fengqiao.triage.models import CategorySetting

    _rule(category=labour, region=county.county, department=county.labour)
    CategorySetting.objects.filter(category=labour).update(threshold="1.00")
    unsure = triaged(acting_user=county.center, region=county.grid, title="讨薪", narrative=LABOUR_TEXT)
    result = TriageResult.objects.get(case=unsure)
    assert result.needs_manual and result.manual_reasons[0]["code"] == "low_confidence"

    CategorySetting.objects.filter(category=labour).update(threshold="0.05")
    sure = triaged(acting_user=county.center, region=county.grid, title="讨薪", narrative=LABOUR_TEXT)
    assert TriageResult.objects.get(case=sure).needs_manual is False

    client.force_login(county.center)
    page = client.get(reverse("triage:queue")).content.decode()
    assert f'data-case="{unsure.pk}"' in page and f'data-case="{sure.pk}"' not in page
    assert "低于阈值" in page
    everything = client.get(reverse("triage:queue") + "?show=all").content.decode()
    assert f'data-case="{sure.pk}"' in everything

    response = client.post(reverse("triage:queue_route", args=[unsure.pk]),
                           {"department": county.labour.pk, "version": unsure.version}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "已交办" in response.content.decode()
    unsure.refresh_from_db()
    assert unsure.lead_department == county.labour and unsure.state.code == "dispatched"
    assert f'data-case="{unsure.pk}"' not in client.get(reverse("triage:queue")).content.decode()


def test_the_queue_is_for_center_staff_of_the_area(county, other_county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative="邻居家装修噪音很大。")
    client.force_login(county.grid_worker)
    assert client.get(reverse("triage:queue")).status_code == 403
    client.force_login(other_county.center)
    page = client.get(reverse("triage:queue") + "?show=all")
    assert page.status_code == 200 and f'data-case="{case.pk}"' not in page.content.decode()
    assert client.post(reverse("triage:queue_route", args=[case.pk]), {"department": county.labour.pk}).status_code == 404


def test_without_a_trained_model_the_category_comes_from_the_dispute_type(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, title="讨薪", narrative=LABOUR_TEXT)
    result = TriageResult.objects.get(case=case)
    assert result.category.code == "labour_social_security" and result.category_source == "dispute_type"
    client.force_login(county.center)
    assert "未训练模型" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
