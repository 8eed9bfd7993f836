"""Django project configuration. The Celery app is loaded with it so that shared tasks bind to it."""
from fengqiao.config.celery import app as celery_app

__all__ = ["celery_app"]
