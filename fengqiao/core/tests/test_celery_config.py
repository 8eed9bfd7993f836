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
