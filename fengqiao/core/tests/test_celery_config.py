import importlib
import importlib.util

from django.apps import apps
from django.conf import settings

from fengqiao.config import celery_app


def test_every_scheduled_task_is_registered_with_the_project_app():
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.tasks") is not None:
            importlib.import_module(f"{config.name}.tasks")
    registered = set(celery_app.tasks.keys())
    missing = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in registered]
    assert missing == []


def _load_every_tasks_module() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("fengqiao.") and importlib.util.find_spec(f"{config.name}.tasks") is not None:
            importlib.import_module(f"{config.name}.tasks")


def test_every_fengqiao_task_is_named_fengqiao_app_task():
    """One naming style: `fengqiao.<app>.<task>`, the app being the module's own app."""
    _load_every_tasks_module()
    ours = {name: task for name, task in celery_app.tasks.items() if task.__module__.startswith("fengqiao.")}
    assert ours, "no fengqiao task registered"
    wrong = []
    for name, task in ours.items():
        app_label = task.__module__.split(".")[1]
        parts = name.split(".")
        if len(parts) != 3 or parts[0] != "fengqiao" or parts[1] != app_label:
            wrong.append((task.__module__, name))
    assert wrong == []
    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert [name for name in scheduled if not name.startswith("fengqiao.")] == []
