"""Celery tasks of the reports app (they only call services)."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.reports.services.hotspots import hotspots_scan


@app.task(name="fengqiao.reports.hotspots_scan", ignore_result=True)
def hotspots_scan_daily() -> int:
    return len(hotspots_scan())
