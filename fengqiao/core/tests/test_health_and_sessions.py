import time

import pytest
from django.urls import reverse

from fengqiao.core.middleware import AbsoluteSessionTimeoutMiddleware


@pytest.mark.django_db
def test_healthz_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["X-Request-ID"]


def test_healthz_reports_a_database_that_does_not_answer(client, settings, tmp_path):
    from django.db import connections

    settings.DATABASES = {"default": {**settings.DATABASES["default"]}}
    connection = connections["default"]
    original = connection.settings_dict.copy()
    connection.close()
    connection.settings_dict.update(ENGINE="django.db.backends.postgresql", NAME="nowhere", HOST="127.0.0.1",
                                    PORT="1", USER="nobody", OPTIONS={"connect_timeout": 1})
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503 and response.json()["status"] == "error"


def test_sessions_expire_after_30_idle_minutes_and_renew_on_activity(client, county):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(county.center)
    assert client.get(reverse("cases:my_work")).status_code == 200
    key = client.session.session_key
    left = (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < left <= 30 * 60
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_activity_renews_the_session_at_most_once_a_minute(client, county):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(county.center)
    client.get(reverse("cases:my_work"))
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    client.get(reverse("cases:my_work"))
    assert Session.objects.get(session_key=key).expire_date == first  # renewed a moment ago: no write
    session = client.session
    session[AbsoluteSessionTimeoutMiddleware.RENEWED_KEY] = time.time() - 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timezone.timedelta(minutes=5))
    client.get(reverse("cases:my_work"))
    left = (Session.objects.get(session_key=key).expire_date - timezone.now()).total_seconds()
    assert 29 * 60 < left <= 30 * 60


def test_a_session_older_than_12_hours_is_ended(client, county):
    client.force_login(county.center)
    client.get(reverse("cases:my_work"))
    session = client.session
    session[AbsoluteSessionTimeoutMiddleware.KEY] = time.time() - 13 * 60 * 60
    session.save()
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_id_given_by_a_proxy_is_kept_and_a_bad_one_replaced(client, db):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abcdef0123456789")["X-Request-ID"] == "abcdef0123456789"
    assert client.get("/healthz", HTTP_X_REQUEST_ID="bad id\r\n")["X-Request-ID"] != "bad id\r\n"
