"""The demo county's generated cases, loaded by the bulk path, are the cases the services give for the same steps:
every generated case is also driven step by step through the public case services and compared row by row."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseNotice, PetitionAnswer, PetitionReviewRequest
from fengqiao.cases.services import BULK_ACTION, case_bulk_load
from fengqiao.cases.tests.bulk_support import clock_at, differences, drive, rows_of
from fengqiao.demo.generator.cases import generate_cases
from fengqiao.demo.generator.county import build_county
from fengqiao.demo.reference import load_reference

pytestmark = pytest.mark.django_db

CASES = 160  # enough for the scenarios and a case in every state of every process (generator.coverage)


def test_generated_cases_are_the_cases_the_services_write(monkeypatch):
    county = build_county()
    directory = load_reference(county, password="fengqiao-demo-Test-2026")
    now = timezone.localtime()
    specs = list(generate_cases(seed=11, count=CASES, now=now, months=6, county=county))
    report = case_bulk_load(specs=specs, names=directory, first_day=now.date() - dt.timedelta(days=200))
    assert report.cases == CASES
    loaded = {entry.after["key"]: int(entry.object_id) for entry in AuditEntry.objects.filter(action=BULK_ACTION)}
    # the demo's petitions carry their documents, its refusals their notices
    assert PetitionAnswer.objects.filter(case_id__in=loaded.values()).exists()
    assert PetitionReviewRequest.objects.filter(case_id__in=loaded.values()).exists()
    assert CaseNotice.objects.filter(case_id__in=loaded.values()).exists()

    found: dict[str, list[str]] = {}
    with clock_at(monkeypatch) as moment:
        for spec in specs:
            driven = drive(spec, directory, moment)
            diff = differences(rows_of(Case.objects.get(pk=loaded[spec.key])), rows_of(driven))
            if diff:
                found[spec.key] = diff
    assert found == {}
