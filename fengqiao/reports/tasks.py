"""Celery tasks of the reports app (they only call services)."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.reports.services.hotspots import hotspots_scan


@app.task(name="fengqiao.reports.hotspots_scan", ignore_result=True)
def hotspots_scan_daily() -> int:
    return len(hotspots_scan())


@app.task(name="fengqiao.reports.counts_refresh_case", ignore_result=True)
def counts_refresh_case(case_id: int) -> None:
    """Recount one case after a change (queued by the subscriber, so the request that changed it does not wait)."""
    from fengqiao.reports.services import case_counts_refresh

    case_counts_refresh(case_id=case_id)


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
