from fengqiao.triage.views.actions import feedback, panel, rerun, route, same_matter
from fengqiao.triage.views.queue import queue, queue_route

__all__ = ["feedback", "panel", "queue", "queue_route", "rerun", "route", "same_matter"]
