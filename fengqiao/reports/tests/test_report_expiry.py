"""Report files are deleted FENGQIAO_REPORT_KEEP_DAYS after they were made (the daily task): the run is marked
expired and audited as a system action, a younger file is kept, and the documents page says when a file will be
or was removed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.reports.choices import RunStatus
from fengqiao.reports.models import ReportRun
from fengqiao.reports.tasks import report_files_expire_daily


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FENGQIAO_REPORT_KEEP_DAYS = 30


def finished_run(user, days_ago: float) -> ReportRun:
    run = ReportRun.objects.create(requested_by=user, kind="monthly", period="2026-03", file_format="xlsx",
                                   status=RunStatus.DONE, progress=100,
                                   finished_at=timezone.now() - dt.timedelta(days=days_ago))
    run.file.save(f"monthly-2026-03-{run.pk}.xlsx", ContentFile(b"PK report"), save=True)
    return run


def test_a_file_past_the_limit_is_deleted_and_a_younger_one_kept(county, fresh, django_capture_on_commit_callbacks):
    user = fresh(county.center)
    old, young = finished_run(user, 31), finished_run(user, 29)
    old_path, young_path = Path(old.file.path), Path(young.file.path)
    assert old_path.exists() and young_path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert report_files_expire_daily() == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert not old_path.exists() and young_path.exists()
    assert (old.status, old.file.name) == (RunStatus.EXPIRED, "") and old.expired_at is not None
    assert (young.status, young.expired_at) == (RunStatus.DONE, None)
    entry = AuditEntry.objects.get(action="reports.report_expire")
    assert entry.actor is None and entry.object_id == str(old.pk) and entry.after["keep_days"] == 30
    with django_capture_on_commit_callbacks(execute=True):
        assert report_files_expire_daily() == 0  # nothing more to do


def test_the_limit_is_the_setting(county, fresh, settings, django_capture_on_commit_callbacks):
    settings.FENGQIAO_REPORT_KEEP_DAYS = 7
    run = finished_run(fresh(county.center), 8)
    with django_capture_on_commit_callbacks(execute=True):
        assert report_files_expire_daily() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.EXPIRED


def test_the_page_says_when_a_file_will_be_and_was_removed(county, fresh, client,
                                                          django_capture_on_commit_callbacks):
    user = fresh(county.center)
    old, young = finished_run(user, 31), finished_run(user, 2)
    with django_capture_on_commit_callbacks(execute=True):
        report_files_expire_daily()
    old.refresh_from_db()
    client.force_login(user)
    page = client.get("/reports/documents/").content.decode()
    assert "报表文件生成后保留 30 天" in page
    will = timezone.localtime(young.finished_at + dt.timedelta(days=30)).date().isoformat()
    assert f"文件将于 {will} 删除" in page
    assert f"文件已于 {timezone.localtime(old.expired_at).date().isoformat()} 删除" in page
    assert client.get(f"/reports/documents/{old.pk}/download/").status_code == 404
    assert client.get(f"/reports/documents/{young.pk}/download/").status_code == 200


def test_the_beat_runs_it_daily():
    entry = next(e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "fengqiao.reports.expire_files")
    assert entry["schedule"] == 24 * 60 * 60
