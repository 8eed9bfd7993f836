"""How triage hooks into case registration without the cases app knowing about it.

TriageConfig.ready subscribes `on_case_created` to the cases app's `CaseCreated` event, which arrives once the
registering transaction has committed. It records a pending TriageResult and queues the triage task. Nothing
here can fail a case create (the case is already committed, and the event registry logs a subscriber's
failure); a pending result that never ran is queued again by the periodic retry.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction

from fengqiao.cases.events import CaseCreated

logger = logging.getLogger(__name__)


def on_case_created(event: CaseCreated) -> None:
    from fengqiao.triage.models import TriageResult
    from fengqiao.triage.services.run import triage_enqueue

    try:
        with transaction.atomic():  # a new case has no result yet: a plain insert, no lookup first
            TriageResult.objects.create(case_id=event.case_id)
    except Exception:
        logger.exception("could not record pending triage for case %s", event.case_id)
    transaction.on_commit(partial(triage_enqueue, event.case_id), robust=True)


_warming_started = False


def warm_up_on_first_request(**kwargs) -> None:
    """request_started in a server process that runs triage itself (tasks run eagerly, no broker): start
    loading the engine in the background, once. With a broker the Celery workers triage and warm up instead."""
    global _warming_started
    if _warming_started:
        return
    _warming_started = True
    from django.conf import settings

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from fengqiao.triage.runtime import warm_up_in_background

    warm_up_in_background()


def warm_up_worker(**kwargs) -> None:
    """Celery worker_process_init: load the engine before the first task arrives."""
    from fengqiao.triage.runtime import warm_up_in_background

    warm_up_in_background()


def seed_after_migrate(sender, app_config=None, **kwargs) -> None:
    """After the cases app seeded its categories and dispute types: per-category triage settings."""
    if app_config is None or app_config.name != "fengqiao.cases":
        return
    from fengqiao.cases.seed import seed_workflow
    from fengqiao.triage.services.routing import category_settings_seed

    seed_workflow()  # idempotent; the categories must exist before their settings
    category_settings_seed()
