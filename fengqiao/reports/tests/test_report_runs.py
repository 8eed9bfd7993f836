"""Report runs: asked for, checked, audited, queued on commit, generated in the background as the user who asked
(within the jurisdiction they have then), with progress and a stored file; or failed with a message."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from fengqiao.accounts.models import Membership
from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import NotFoundError, ValidationFailed
from fengqiao.reports.choices import ReportKind, RunStatus
from fengqiao.reports.models import ReportRun
from fengqiao.reports.periods import month_of, quarter_of, year_of
from fengqiao.reports.services.documents import (
    FAILED_PERIOD,
    FAILED_SCOPE,
    MAX_ACTIVE_RUNS,
    report_generate,
    report_request,
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def this_quarter() -> str:
    return quarter_of(timezone.localdate())


def test_a_run_goes_from_queued_to_done_with_its_file_and_an_audit_row(history, county, fresh,
                                                                        django_capture_on_commit_callbacks):
    user = fresh(county.center)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        run = report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=county.street, fmt="xlsx",
                             acting_user=user)
    assert (run.status, run.progress, run.file.name) == (RunStatus.QUEUED, 0, "")
    audit = AuditEntry.objects.get(action="reports.report_request", object_id=str(run.pk))
    assert audit.actor == user and audit.after["region"] == county.street.code
    assert len(queued) == 1  # the task is queued once the run's row is committed
    queued[0]()  # the commit: tasks run eagerly here (no broker)
    run.refresh_from_db()
    assert (run.status, run.progress, run.error) == (RunStatus.DONE, 100, "")
    assert run.finished_at is not None and run.file.name.startswith("reports/")
    with run.file.open("rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    assert "按区划" in book.sheetnames
    assert AuditEntry.objects.filter(action="reports.report_generate", object_id=str(run.pk),
                                     outcome=AuditEntry.Outcome.SUCCESS).exists()
    assert report_generate(run_id=run.pk) is None  # a task delivered twice leaves the run alone


def test_a_pdf_run(history, county, fresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = report_request(kind=ReportKind.ANNUAL_PETITION, period=year_of(timezone.localdate()), region=None,
                             fmt="pdf", acting_user=fresh(county.leader))
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    with run.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"


def test_a_run_fails_with_a_message_when_the_user_lost_the_region_before_it_ran(history, county, fresh):
    user = fresh(county.street_center)
    run = report_request(kind=ReportKind.MONTHLY, period=month_of(timezone.localdate()), region=county.community,
                         fmt="xlsx", acting_user=user)
    Membership.objects.filter(user=user).update(is_active=False)
    run = report_generate(run_id=run.pk)
    assert (run.status, run.error, run.file.name) == (RunStatus.FAILED, FAILED_SCOPE, "")
    assert run.finished_at is not None
    assert AuditEntry.objects.filter(action="reports.report_generate", object_id=str(run.pk),
                                     outcome=AuditEntry.Outcome.FAILED).exists()
    with translation.override("en"):
        assert translation.gettext(run.error) != FAILED_SCOPE  # shown in the reader's language


def test_a_run_whose_period_no_longer_fits_fails(history, county, fresh):
    run = report_request(kind=ReportKind.MONTHLY, period=month_of(timezone.localdate()), region=None, fmt="pdf",
                         acting_user=fresh(county.center))
    ReportRun.objects.filter(pk=run.pk).update(period="2026-Q1")
    run = report_generate(run_id=run.pk)
    assert (run.status, run.error) == (RunStatus.FAILED, FAILED_PERIOD)


@pytest.mark.parametrize(("kind", "period"), [
    (ReportKind.MONTHLY, "2026-Q3"), (ReportKind.MONTHLY, "2026"), (ReportKind.MONTHLY, "2026-13"),
    (ReportKind.QUARTERLY, "2026-03"), (ReportKind.QUARTERLY, "2026-Q5"), (ReportKind.ANNUAL_PETITION, "2026-03"),
    (ReportKind.ANNUAL_PETITION, "2026-W10"), (ReportKind.MONTHLY, ""), (ReportKind.ANNUAL_PETITION, "2099"),
])
def test_a_period_that_does_not_fit_the_kind_is_refused_and_nothing_is_queued(county, fresh, kind, period):
    with pytest.raises(ValidationFailed) as refused:
        report_request(kind=kind, period=period, region=None, fmt="xlsx", acting_user=fresh(county.center))
    assert list(refused.value.field_errors) == ["period"]
    assert not ReportRun.objects.exists()
    assert not AuditEntry.objects.filter(action="reports.report_request").exists()


def test_a_region_outside_the_jurisdiction_is_refused(county, other_county, fresh):
    for region in (county.other_street, other_county.county):
        with pytest.raises(ValidationFailed) as refused:
            report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=region, fmt="xlsx",
                           acting_user=fresh(county.street_center))
        assert list(refused.value.field_errors) == ["region"]
    assert not ReportRun.objects.exists()


def test_roles_without_figures_cannot_ask(county, fresh):
    with pytest.raises(NotFoundError):
        report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=None, fmt="xlsx",
                       acting_user=fresh(county.grid_worker))


def test_a_user_has_at_most_three_runs_waiting(county, fresh):
    user = fresh(county.center)
    for _n in range(MAX_ACTIVE_RUNS):
        report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=None, fmt="xlsx", acting_user=user)
    with pytest.raises(ValidationFailed):
        report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=None, fmt="xlsx", acting_user=user)
    assert ReportRun.objects.count() == MAX_ACTIVE_RUNS


def test_runs_lost_with_their_worker_stop_counting_after_an_hour(county, fresh):
    user = fresh(county.center)
    for _n in range(MAX_ACTIVE_RUNS):
        report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=None, fmt="xlsx", acting_user=user)
    ReportRun.objects.update(status=RunStatus.RUNNING, created_at=timezone.now() - dt.timedelta(minutes=61))
    assert not any(run.is_active for run in ReportRun.objects.all())
    report_request(kind=ReportKind.QUARTERLY, period=this_quarter(), region=None, fmt="xlsx", acting_user=user)
    assert ReportRun.objects.count() == MAX_ACTIVE_RUNS + 1
