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
