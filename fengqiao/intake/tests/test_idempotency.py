"""Idempotency-Key on API creates: a repeated request returns the stored answer and creates nothing new."""
import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.utils import timezone

from fengqiao.cases.models import Case
from fengqiao.cases.tests.api_support import CASES_URL, case_body, token_client
from fengqiao.intake.models import IdempotencyKey
from fengqiao.intake.services import idempotency_keys_purge

KEY = "3f7c2a9e-intake-0001"


def _post(client, body, key=KEY):
    return client.post(CASES_URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_same_key_and_body_returns_the_stored_answer_and_creates_one_case(county):
    client = token_client(county.center)
    body = case_body(county.grid)
    first = _post(client, body)
    assert first.status_code == 201
    second = _post(client, body)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    stored = IdempotencyKey.objects.get()
    assert (stored.user, stored.scope, stored.key, stored.response_status) == (county.center, "case.create", KEY, 201)


def test_key_order_and_spacing_of_the_json_do_not_matter(county):
    client = token_client(county.center)
    body = case_body(county.grid)
    assert _post(client, body).status_code == 201
    reordered = json.dumps(dict(reversed(list(body.items()))), ensure_ascii=False, indent=2)
    again = client.post(CASES_URL, reordered, content_type="application/json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1


def test_same_key_with_another_body_is_422(county):
    client = token_client(county.center)
    assert _post(client, case_body(county.grid)).status_code == 201
    response = _post(client, case_body(county.grid, title="另一件事"))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "idempotency_key_reused"
    assert {"detail", "detail_zh", "detail_en"} <= set(body)
    assert Case.objects.count() == 1


def test_keys_are_per_user(county):
    body = case_body(county.grid)
    mine = _post(token_client(county.center), body)
    theirs = _post(token_client(county.street_center), body)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert Case.objects.count() == 2
    assert IdempotencyKey.objects.count() == 2


def test_a_refused_request_is_not_stored_and_may_be_corrected_under_the_same_key(county):
    client = token_client(county.center)
    refused = _post(client, case_body(county.grid, title=""))
    assert refused.status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert _post(client, case_body(county.grid)).status_code == 201
    assert Case.objects.count() == 1


def test_without_a_key_every_post_creates(county):
    client = token_client(county.center)
    body = case_body(county.grid)
    assert client.post(CASES_URL, body, format="json").status_code == 201
    assert client.post(CASES_URL, body, format="json").status_code == 201
    assert Case.objects.count() == 2
    assert not IdempotencyKey.objects.exists()


@pytest.mark.parametrize("key", ["", "   ", "k" * 101, "键值", "tab\there"])
def test_a_malformed_key_is_400_naming_the_header(county, key):
    response = _post(token_client(county.center), case_body(county.grid), key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert Case.objects.count() == 0


def test_purge_forgets_old_keys(county):
    client = token_client(county.center)
    assert _post(client, case_body(county.grid)).status_code == 201
    assert idempotency_keys_purge(before=timezone.now() - dt.timedelta(days=1)) == 0
    assert idempotency_keys_purge(before=timezone.now() + dt.timedelta(seconds=1)) == 1
    assert _post(client, case_body(county.grid, title="键已过期，可再用")).status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_create_one_case(county):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: PostgreSQL (SQLite serialises writers at BEGIN IMMEDIATE)")
    body = case_body(county.grid)
    start = threading.Barrier(2)
    results: list = []

    def send() -> None:
        try:
            client = token_client(county.center)
            start.wait()
            results.append(_post(client, body))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [r.status_code for r in results] == [201, 201]
    assert results[0].json() == results[1].json()
    assert Case.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1
