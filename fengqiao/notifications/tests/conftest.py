"""Fixtures of the notifications tests: tasks run eagerly, e-mail goes to the locmem outbox."""
from __future__ import annotations

import pytest

from fengqiao.config.celery import app as celery_app
from fengqiao.testing.factories import UserFactory

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def eager_tasks():
    """Run queued tasks in place (as the demo does without Redis), whatever the environment says."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def mailbox(settings):
    from django.core import mail

    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def reachable(db):
    """A staff member with an e-mail address and a mobile number."""
    return UserFactory(username="reachable", email="reachable@example.org", phone="13912345678")


@pytest.fixture
def unreachable(db):
    """A staff member with neither e-mail address nor phone number."""
    return UserFactory(username="unreachable", email="", phone="")
