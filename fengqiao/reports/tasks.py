"""Celery tasks of the reports app (they only call services)."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.reports.services.hotspots import hotspots_scan


@app.task(name="fengqiao.reports.hotspots_scan", ignore_result=True)
def hotspots_scan_daily() -> int:
    return len(hotspots_scan())


@app.task(name="fengqiao.reports.counts_refresh_pending", ignore_result=True)
def counts_refresh_pending() -> int:
    """Recount the cases changed since the last batch (queued by the subscriber after a change, and each minute
    by celery beat for any a stopped worker left)."""
    from fengqiao.reports.subscribers import PENDING_RECOUNTS, recount

    return 0 if PENDING_RECOUNTS.immediate() else PENDING_RECOUNTS.drain(recount)


@app.task(name="fengqiao.reports.generate", ignore_result=True)
def report_generate_task(run_id: int) -> None:
    """Make a report document asked for on the reports page (queued by reports.services.documents)."""
    from fengqiao.reports.services.documents import report_generate

    report_generate(run_id=run_id)


@app.task(name="fengqiao.reports.expire_files", ignore_result=True)
def report_files_expire_daily() -> int:
    """Delete the report files kept longer than FENGQIAO_REPORT_KEEP_DAYS (celery beat, daily)."""
    from fengqiao.reports.services.expiry import report_files_expire

    return report_files_expire()
