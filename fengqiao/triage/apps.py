import os
import sys
from pathlib import Path

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _case_panel(request, case):
    """The case page's triage section (imported on first use)."""
    from fengqiao.triage.panel import case_panel_context

    return case_panel_context(request, case)


def _same_matter_note(request, case):
    """The case header's note on a matter closed after 复核 (confirmed links) and the suggestions to answer."""
    from fengqiao.triage.panel import same_matter_context

    return same_matter_context(request, case)


def _serves_requests() -> bool:
    """A web server process (gunicorn, uwsgi, runserver), as opposed to a one-off command or a test run."""
    program = Path(sys.argv[0]).name if sys.argv else ""
    if "pytest" in program or "celery" in program:
        return False
    if program in {"manage.py", "fengqiao", "__main__.py", "django-admin"}:
        command = sys.argv[1] if len(sys.argv) > 1 else ""
        if command == "runserver":  # the autoreloader's parent only watches files
            return os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv
        return command == "demo" and "--no-serve" not in sys.argv
    return True


class TriageConfig(AppConfig):
    name = "fengqiao.triage"
    verbose_name = _("智能分流")

    def ready(self) -> None:
        from celery.signals import worker_process_init
        from django.core.signals import request_started
        from django.db.models.signals import post_migrate

        from fengqiao.cases import events
        from fengqiao.cases.panels import register_case_panel
        from fengqiao.triage import hooks

        events.subscribe(events.CaseCreated, hooks.on_case_created, uid="triage-on-case-created",
                         own_transactions=True)
        post_migrate.connect(hooks.seed_after_migrate, dispatch_uid="triage-seed-after-migrate")
        worker_process_init.connect(hooks.warm_up_worker, dispatch_uid="triage-warm-up-worker", weak=False)
        register_case_panel(
            name="triage", template="triage/partials/case_panel.html", context=_case_panel, order=10
        )
        register_case_panel(
            name="triage_same_matter", template="triage/partials/same_matter_note.html", context=_same_matter_note,
            slot="final_review",
        )
        if _serves_requests():
            # The first case of a server process should not wait for jieba and the address tables: load them
            # when the process serves its first request (after any pre-fork, so no thread crosses a fork).
            request_started.connect(hooks.warm_up_on_first_request, dispatch_uid="triage-warm-up-first-request")
