"""Departments have a kind (issue 9): the police is known by its kind, not by a word in its name. The upgrade
marks the existing departments whose name says 派出所 or 公安 once; after that the kind is an administrator's."""
from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.choices import DepartmentKind
from fengqiao.regions.models import Department
from fengqiao.regions.services import department_create
from fengqiao.testing.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_the_upgrade_marks_existing_police_departments_by_their_name_once(county):
    station = DepartmentFactory(name="溪口派出所", home_region=county.street)
    bureau = DepartmentFactory(name="县公安局", home_region=county.county)
    labour = DepartmentFactory(name="县人社局", home_region=county.county)
    assert {station.kind, bureau.kind, labour.kind} == {DepartmentKind.OTHER}
    migration = importlib.import_module("fengqiao.regions.migrations.0002_department_kind")
    migration.mark_police(apps, None)
    kinds = dict(Department.objects.filter(pk__in=[station.pk, bureau.pk, labour.pk]).values_list("pk", "kind"))
    assert kinds == {station.pk: "police", bureau.pk: "police", labour.pk: "other"}


def test_a_department_is_created_with_its_kind(county):
    created = department_create(acting_user=None, code="X-pcs", name="溪口警务站", home_region=county.street,
                                kind=DepartmentKind.POLICE)
    assert created.kind == "police"
    with pytest.raises(ValidationFailed):
        department_create(acting_user=None, code="X-bad", name="某单位", home_region=county.street, kind="army")


def test_the_demo_county_gives_its_departments_their_kind():
    from fengqiao.demo.generator.county import build_county

    departments = build_county().departments
    police = {d.name for d in departments if d.kind == "police"}
    assert "县公安局" in police and any(n.endswith("派出所") for n in police)
    assert all(d.kind == "other" for d in departments if d.name.endswith("人社局"))
