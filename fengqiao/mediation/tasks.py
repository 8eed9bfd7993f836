"""Periodic work of the mediation app (schedule daily / hourly with Celery beat or the management command)."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.mediation.services import (
    court_clock_overdue_sweep,
    performance_overdue_sweep,
    session_reminders_send,
)


@app.task(name="fengqiao.mediation.performance_overdue_sweep")
def performance_overdue_sweep_task() -> int:
    return performance_overdue_sweep()


@app.task(name="fengqiao.mediation.session_reminders")
def session_reminders_task() -> int:
    return session_reminders_send()


@app.task(name="fengqiao.mediation.court_clock_overdue_sweep")
def court_clock_overdue_sweep_task() -> int:
    return court_clock_overdue_sweep()
