"""Celery tasks of the triage app; they only call services."""

from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.triage.choices import ResultStatus
from fengqiao.triage.services.run import triage_requeue_stale, triage_run

MAX_RETRIES = 5
RETRY_EVERY_SECONDS = 60


class TriageNotDone(Exception):
    """The analysis failed or timed out; Celery retries the task with backoff."""


@app.task(
    bind=True,
    name="fengqiao.triage.triage_case",
    autoretry_for=(TriageNotDone,),
    max_retries=MAX_RETRIES,
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
)
def triage_case_task(self, case_id: int) -> str:
    """Triage one case. On failure the result is `failed` and the task retries (10 s, 20 s, 40 s ... at most 5
    times); run eagerly (no broker) it does not retry in-line: the periodic sweep below picks it up."""
    result = triage_run(case_id=case_id)
    if result is None:
        return "missing"
    if result.status != ResultStatus.DONE and not self.request.is_eager:
        raise TriageNotDone(result.last_error)
    return result.status


@app.task(
    name="fengqiao.triage.triage_retry_pending", ignore_result=True, soft_time_limit=600, time_limit=900
)
def triage_retry_pending() -> int:
    """Periodic (every minute, settings.CELERY_BEAT_SCHEDULE): queue again triage results still pending or
    failed a minute after their last attempt, and crisis alerts not yet dispatched."""
    return triage_requeue_stale()
