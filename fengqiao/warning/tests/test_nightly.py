"""The nightly run: region chunks that several workers can share, by command and by Celery task."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fengqiao.testing.factories import make_case
from fengqiao.warning.models import RiskAssessment
from fengqiao.warning.services.nightly import EXACT, risk_chunks, risk_recompute_chunk
from fengqiao.warning.tests.conftest import workers


def test_chunks_cover_each_street_and_the_county_itself(county):
    chunks = risk_chunks(county.county.path)
    assert chunks == [EXACT + county.county.path, county.street.path, county.other_street.path]


def test_each_chunk_scores_only_its_own_cases(county):
    mine = make_case(acting_user=county.center, region=county.grid, parties=workers(8))
    theirs = make_case(acting_user=county.center, region=county.other_grid, parties=workers(2))
    assert risk_recompute_chunk(chunk=county.street.path) == 1
    assert RiskAssessment.objects.get(case=mine).level == "yellow"
    assert not RiskAssessment.objects.filter(case=theirs).exists()
    assert risk_recompute_chunk(chunk=county.other_street.path) == 1


def test_command_recomputes_lists_chunks_and_refuses_unknown_input(county):
    case = make_case(acting_user=county.center, region=county.grid, parties=workers(8))
    out = StringIO()
    call_command("warning", "risk-recompute", "--county", county.county.code, stdout=out)
    assert RiskAssessment.objects.get(case=case).level == "yellow" and "已研判" in out.getvalue()
    listed = StringIO()
    call_command("warning", "risk-recompute", "--county", county.county.code, "--list-chunks", stdout=listed)
    assert listed.getvalue().split() == risk_chunks(county.county.path)
    with pytest.raises(CommandError):
        call_command("warning", "risk-recompute", "--chunk", "/nowhere/")
    with pytest.raises(CommandError):
        call_command("warning", "risk-recompute", "--county", "XX-unknown")


def test_the_nightly_task_runs_every_chunk(county, settings):
    from fengqiao.warning.tasks import warning_nightly

    settings.CELERY_TASK_ALWAYS_EAGER = True
    case = make_case(acting_user=county.center, region=county.other_grid, parties=workers(8))
    assert warning_nightly() >= 3
    assert RiskAssessment.objects.get(case=case).level == "yellow"
