import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.intake.models import IdempotencyKey
from fengqiao.intake.tasks import purge_idempotency_keys
from fengqiao.testing.factories import UserFactory


@pytest.mark.django_db
def test_old_idempotency_answers_are_purged_and_recent_ones_kept():
    user = UserFactory()
    old = IdempotencyKey.objects.create(user=user, key="a", scope="cases.create", request_hash="x", response_status=201,
                                        response_body={})
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    IdempotencyKey.objects.create(user=user, key="b", scope="cases.create", request_hash="y", response_status=201,
                                  response_body={})
    assert purge_idempotency_keys() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["b"]
