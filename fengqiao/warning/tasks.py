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


@app.task(name="fengqiao.warning.new_cases_pending", ignore_result=True)
def new_cases_pending() -> int:
    """Keys, clusters and levels of the cases registered since the last batch (queued by the subscriber, and
    each minute by celery beat for any a stopped worker left)."""
    from fengqiao.warning.subscribers import PENDING_NEW, new_cases

    return 0 if PENDING_NEW.immediate() else PENDING_NEW.drain(new_cases)


@app.task(name="fengqiao.warning.changed_cases_pending", ignore_result=True)
def changed_cases_pending() -> int:
    """Levels of the cases changed since the last batch (as above)."""
    from fengqiao.warning.subscribers import PENDING_CHANGED, changed_cases

    return 0 if PENDING_CHANGED.immediate() else PENDING_CHANGED.drain(changed_cases)


@app.task(name="fengqiao.warning.hot_issues_scan", ignore_result=True)
def hot_issues_scan_daily() -> int:
    from fengqiao.warning.services.hot_issues import hot_issues_scan

    return len(hot_issues_scan())
