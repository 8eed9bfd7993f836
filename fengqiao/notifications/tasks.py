"""Celery tasks of the notifications app; they only call services.

Tasks are bound to the project's Celery app (fengqiao.config.celery), so they are queued the same way
from any thread; without REDIS_URL that app runs them eagerly.
"""
from __future__ import annotations

from datetime import timedelta

from fengqiao.config.celery import app
from fengqiao.notifications.services.delivery import (
    MAX_ATTEMPTS,
    RETRY,
    deliveries_requeue_stale,
    delivery_attempt,
    retry_delay,
)


@app.task(
    bind=True, name="fengqiao.notifications.deliver_notification", max_retries=MAX_ATTEMPTS - 1,
    acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90,
)
def deliver_notification(self, delivery_id: int) -> str:
    """Send one e-mail or SMS delivery; on failure retry with backoff (30 s, 60 s, 120 s), at most 3 times."""
    outcome = delivery_attempt(delivery_id=delivery_id)
    if outcome == RETRY:
        raise self.retry(countdown=retry_delay(self.request.retries))
    return outcome


@app.task(name="fengqiao.notifications.requeue_stale_deliveries", ignore_result=True)
def requeue_stale_deliveries(minutes: int = 15) -> int:
    """Periodic sweep: queue again deliveries lost by a broker outage or a crashed worker."""
    return deliveries_requeue_stale(older_than=timedelta(minutes=minutes))
