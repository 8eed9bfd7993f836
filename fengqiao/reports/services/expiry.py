"""Report files are kept FENGQIAO_REPORT_KEEP_DAYS days after they were made, then deleted by the daily task
`fengqiao.reports.expire_files`: the run stays listed, marked expired (文件已删除) with the moment, so its
requester sees that and when the file went and may ask for it again."""
from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from fengqiao.audit.services import audit_record
from fengqiao.reports.choices import RunStatus
from fengqiao.reports.models import ReportRun

logger = logging.getLogger(__name__)


def keep_days() -> int:
    return max(1, int(settings.FENGQIAO_REPORT_KEEP_DAYS))


def _delete_file(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.exception("report file %s could not be deleted", name)


def report_files_expire(*, now: dt.datetime | None = None) -> int:
    """Delete the file of every finished run older than the keeping period and mark the run expired; the number
    of runs expired. Each run in its own transaction (audited as a system action); the file is deleted once the
    run's new state has committed, so a download never finds a run "done" without its file."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=keep_days())
    expired = 0
    for run_id in ReportRun.objects.filter(status=RunStatus.DONE, finished_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().filter(pk=run_id, status=RunStatus.DONE).first()
            if run is None:
                continue
            name, storage = run.file.name, run.file.storage
            run.status, run.expired_at, run.file = RunStatus.EXPIRED, now, ""
            run.save(update_fields=["status", "expired_at", "file"])
            audit_record(actor=None, action="reports.report_expire", obj=run,
                         after={"status": run.status, "file": name, "keep_days": keep_days()})
            if name:
                transaction.on_commit(lambda name=name, storage=storage: _delete_file(storage, name))  # type: ignore[misc]
        expired += 1
    return expired
