"""Celery tasks of the warning app (they only call services). `warning_nightly` runs from celery beat: it
prepares each county's keys and clusters, then queues one `risk_recompute_chunk` per region chunk, so more
workers finish sooner."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.warning.services import nightly


@app.task(name="fengqiao.warning.risk_recompute_chunk")
def risk_recompute_chunk(chunk: str) -> int:
    return nightly.risk_recompute_chunk(chunk=chunk)


@app.task(name="fengqiao.warning.prepare_county")
def prepare_county(county: str) -> int:
    return nightly.warning_prepare_county(county=county)


@app.task(name="fengqiao.warning.nightly")
def warning_nightly() -> int:
    for county in nightly.counties():
        nightly.warning_prepare_county(county=county)
    chunks = nightly.risk_chunks()
    for chunk in chunks:
        risk_recompute_chunk.delay(chunk)
    return len(chunks)


@app.task(name="fengqiao.warning.case_changed", ignore_result=True)
def warning_case_changed(case_id: int, created: bool) -> None:
    """A case's keys and clusters (when new) and its risk level, after a change; queued by the subscriber."""
    from fengqiao.warning.services.clusters import clusters_attach_new
    from fengqiao.warning.services.keys import matter_keys_refresh
    from fengqiao.warning.services.risk import risk_recompute

    if created:
        matter_keys_refresh(case_ids=[case_id])
        clusters_attach_new(case_id=case_id)
    risk_recompute(case_ids=[case_id])


@app.task(name="fengqiao.warning.hot_issues_scan", ignore_result=True)
def hot_issues_scan_daily() -> int:
    from fengqiao.warning.services.hot_issues import hot_issues_scan

    return len(hot_issues_scan())
